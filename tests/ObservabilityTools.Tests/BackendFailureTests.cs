namespace SreSuite.ObservabilityTools.Tests;

/// <summary>Calls that cannot be answered say why and what to do, never with a stack trace.</summary>
public sealed class BackendFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_backends_every_tool_says_which_setting_to_set()
    {
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", cancellationToken: Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var query = await client.CallAsync("prom_query_range", ("query", "up"));
        var silences = await client.CallAsync("am_silences");

        Assert.True(query.IsError);
        Assert.Equal("no Prometheus configured: set PROMETHEUS_URL (or Prometheus__Url); prom_status shows what this server uses.", query.Text);
        Assert.True(silences.IsError);
        Assert.Equal("no Alertmanager configured: set ALERTMANAGER_URL (or Alertmanager__Url); prom_status shows what this server uses.", silences.Text);
    }

    [Fact]
    public async Task An_unreachable_prometheus_is_named_with_the_reason()
    {
        var port = SreSuite.MonitoringFixture.ManagedProcess.FreePort();
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", new Dictionary<string, string?> { ["PROMETHEUS_URL"] = $"http://127.0.0.1:{port}" }, Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var answer = await client.CallAsync("prom_alerts");

        Assert.True(answer.IsError);
        Assert.StartsWith($"Prometheus at http://127.0.0.1:{port}/ did not answer (", answer.Text, StringComparison.Ordinal);
        Assert.EndsWith("prom_status shows its reachability. Retry once it is back.", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at System.", answer.Text, StringComparison.Ordinal);
    }
}
