using System.Diagnostics;

namespace SreSuite.Harness;

/// <summary>A process run to completion with its output captured, killed (with its children) if it outlives the deadline.</summary>
public static class ProcessRun
{
    public static async Task<(int ExitCode, string Output, string Errors)> ToExitAsync(ProcessStartInfo start, CancellationToken cancellationToken, TimeSpan? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            KillQuietly(process);
        }

        return (process.ExitCode, await output, await errors);
    }

    public static void KillQuietly(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }
}
