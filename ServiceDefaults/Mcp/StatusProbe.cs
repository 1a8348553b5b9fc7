using System.Globalization;
using SreSuite.ServiceDefaults.Http;

namespace SreSuite.ServiceDefaults.Mcp;

/// <summary>
/// Asks a backend who it is for a status answer, within a few seconds: a status tool must answer even when a
/// backend hangs, and say so, rather than time out as a whole.
/// </summary>
public static class StatusProbe
{
    /// <summary>How long one backend may take to answer a status probe.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    /// <summary>Probes <paramref name="backend"/>: its answer, or <c>unreachable (…)</c> with its own reading of the failure.</summary>
    public static Task<string> DescribeAsync(IBackend backend, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return DescribeAsync(backend.ProbeAsync, backend.DescribeFailure, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="probe"/> and returns its answer, or <c>unreachable (…)</c> with the reason
    /// <paramref name="describe"/> gives for the failure, or that it did not answer within <see cref="Limit"/>.
    /// </summary>
    public static async Task<string> DescribeAsync(Func<CancellationToken, Task<string>> probe, Func<Exception, string> describe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(describe);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        try
        {
            return await probe(limit.Token);
        }
        catch (Exception) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return string.Create(CultureInfo.InvariantCulture, $"unreachable (no answer within {Limit.TotalSeconds} s)");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return $"unreachable ({describe(ex)})";
        }
    }
}
