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

    /// <summary>How many tools a server lists and the bytes of its <c>tools/list</c> result as a client receives it.</summary>
    public static async Task<(int Tools, int Bytes)> ToolsListAsync(McpClient client, CancellationToken cancellationToken)
    {
        var list = await client.ListToolsAsync(cancellationToken: cancellationToken);
        return (list.Count, System.Text.Encoding.UTF8.GetByteCount(System.Text.Json.JsonSerializer.Serialize(
            new ModelContextProtocol.Protocol.ListToolsResult { Tools = [.. list.Select(tool => tool.ProtocolTool)] }, ModelContextProtocol.McpJsonUtilities.DefaultOptions)));
    }

    /// <summary>The nearest-rank percentile of values sorted ascending; NaN when there are none.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double fraction) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>The median of unsorted values; the mean of the middle two when their count is even.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The 1-, 5- and 15-minute load averages, which say how much other work shared the cores.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
