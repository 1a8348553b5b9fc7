namespace SreSuite.ObservabilityTools.Tests;

public sealed class BackendBindingTests(RealMonitoring stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Status_names_both_backends_with_their_versions()
    {
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", stack.Environment, Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var text = (await client.CallToolAsync("prom_status", cancellationToken: Ct)).Text();

        Assert.Contains($"prometheus: {stack.PrometheusUrl} (from PROMETHEUS_URL)", text, StringComparison.Ordinal);
        Assert.Matches(@"prometheus version: Prometheus \d+\.\d+", text);
        Assert.Contains($"alertmanager: {stack.AlertmanagerUrl} (from ALERTMANAGER_URL)", text, StringComparison.Ordinal);
        Assert.Matches(@"alertmanager version: Alertmanager \d+\.\d+", text);
    }

    [Fact]
    public async Task Health_is_healthy_when_both_backends_answer()
    {
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", stack.Environment, Ct);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        using var health = await http.GetAsync(new Uri("/health", UriKind.Relative), Ct);
        var body = await health.Content.ReadAsStringAsync(Ct);

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.StartsWith("{\"status\":\"Healthy\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_endpoint_serves_prometheus_text_including_mcp_operations()
    {
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", stack.Environment, Ct);
        await using (var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct))
            await client.CallToolAsync("prom_status", cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct);

        Assert.Contains("# TYPE mcp_server_operation_duration_seconds histogram", metrics, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
    }
}
