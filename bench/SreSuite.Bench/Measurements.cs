using ModelContextProtocol.Client;
using SreSuite.Harness;

namespace SreSuite.Bench;

/// <summary>What every section needs to take its figures.</summary>
internal static class Measurements
{
    /// <summary>The text of a tool's answer; an error answer stops the section, whose figures would then mean nothing.</summary>
    public static async Task<string> CallTextAsync(McpClient client, string tool, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var result = await client.CallToolAsync(tool, arguments, cancellationToken: cancellationToken);
        return result.IsError == true ? throw new InvalidOperationException($"{tool} failed: {result.Text()}") : result.Text();
    }

    /// <summary>The nearest-rank percentile of values sorted ascending; NaN when there are none.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double fraction) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
}
