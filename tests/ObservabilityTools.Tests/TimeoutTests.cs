using System.Diagnostics;

namespace SreSuite.ObservabilityTools.Tests;

public sealed class TimeoutTests
{
    [Fact]
    public async Task A_backend_that_never_answers_gets_a_clear_timeout_within_the_deadline()
    {
        var ct = TestContext.Current.CancellationToken;
        using var silent = new SilentServer();
        using var audit = new AuditLog();
        var settings = new Dictionary<string, string?>(audit.Settings)
        {
            ["PROMETHEUS_URL"] = silent.Url.ToString(),
            ["Guardrails__ToolTimeoutSeconds"] = "2",
        };
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", settings, ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, ct);

        var clock = Stopwatch.StartNew();
        var result = await client.CallToolAsync("prom_status", cancellationToken: ct);
        clock.Stop();

        Assert.True(result.IsError);
        Assert.Contains("prom_status timed out after 2 s", result.Text(), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"answered after {clock.Elapsed}");
        var record = Assert.Single(await audit.RecordsAsync(1, ct));
        Assert.Equal("timeout", record["outcome"]!.GetValue<string>());

        var after = await client.CallToolAsync("prom_status", new Dictionary<string, object?> { ["x"] = 1 }, cancellationToken: ct);
        Assert.Contains("x: unknown argument", after.Text(), StringComparison.Ordinal);
    }
}
