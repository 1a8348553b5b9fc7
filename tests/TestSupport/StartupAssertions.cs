namespace SreSuite.Tests;

public static class StartupAssertions
{
    /// <summary>
    /// Starts the server with a bad setting and asserts it refuses to start with exactly one clear error line
    /// that names <paramref name="setting"/>, as its last words, and no stack trace.
    /// </summary>
    /// <remarks>
    /// Bind safety is decided from the addresses Kestrel actually bound, so a server may log ordinary start-up
    /// information (IncidentTools indexing its runbooks) before it refuses; those lines are not errors.
    /// </remarks>
    public static async Task RefusesToStartNamingAsync(string serverName, string setting, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var (exitCode, output) = await ServerProcess.RunToExitAsync(serverName, environment, TestContext.Current.CancellationToken, args);

        Assert.Equal(2, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines, line => line.Contains("configuration error", StringComparison.Ordinal));
        Assert.Equal(line, lines[^1]);
        Assert.DoesNotContain(lines, line => line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal));
        Assert.StartsWith($"{serverName}: configuration error: {setting}:", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", output, StringComparison.Ordinal);
    }
}
