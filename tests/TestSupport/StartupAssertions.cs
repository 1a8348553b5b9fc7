namespace SreSuite.Tests;

public static class StartupAssertions
{
    /// <summary>
    /// Starts the server with a bad setting and asserts it refuses to start with exactly one clear line
    /// that names <paramref name="setting"/>, and no stack trace.
    /// </summary>
    public static async Task RefusesToStartNamingAsync(string serverName, string setting, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var (exitCode, output) = await ServerProcess.RunToExitAsync(serverName, environment, TestContext.Current.CancellationToken, args);

        Assert.Equal(2, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith($"{serverName}: configuration error: {setting}:", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", output, StringComparison.Ordinal);
    }
}
