using System.Text;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using SreSuite.MonitoringFixture;

namespace SreSuite.ObservabilityTools.Tests;

/// <summary>
/// One ObservabilityTools with two named sources, each a real Prometheus and Alertmanager: the shared stack as
/// <c>staging</c> and a second one started here as <c>production</c>, with its own tenant.
/// </summary>
public sealed class MultiSourceTests(RealMonitoring staging)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_query_is_answered_by_each_source_side_by_side_and_audited()
    {
        var state = Directory.CreateTempSubdirectory("sresuite-tests-production-").FullName;
        using var audit = new AuditLog();
        try
        {
            await using var production = await DemoMonitoring.StartAsync(state, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(2), Ct);
            var settings = new Dictionary<string, string?>(audit.Settings)
            {
                ["Prometheus__Sources__staging__Url"] = staging.PrometheusUrl.ToString(),
                ["Prometheus__Sources__production__Url"] = production.PrometheusUrl.ToString(),
                ["Prometheus__Sources__production__TenantId"] = "prod",
                ["Prometheus__DefaultSource"] = "staging",
                ["Alertmanager__Sources__staging__Url"] = staging.AlertmanagerUrl.ToString(),
                ["Alertmanager__Sources__production__Url"] = production.AlertmanagerUrl.ToString(),
            };
            await using var server = await ServerProcess.StartAsync("ObservabilityTools", settings, Ct);
            await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);
            const string query = "count by (instance) (up{job=\"prometheus\"})";

            var onStaging = await client.CallAsync("prom_query", ("query", query), ("source", "staging"));
            var onProduction = await client.CallAsync("prom_query", ("query", query), ("source", "production"));
            var byDefault = await client.CallAsync("prom_query", ("query", query));
            var refused = await client.CallAsync("prom_query", ("query", query), ("source", "dev"));
            var alerts = await client.CallAsync("am_alerts", ("source", "production"));
            var status = await client.CallAsync("prom_status");

            Assert.Contains($"127.0.0.1:{staging.PrometheusUrl.Port}", onStaging.Text, StringComparison.Ordinal);
            Assert.DoesNotContain($"127.0.0.1:{production.PrometheusUrl.Port}", onStaging.Text, StringComparison.Ordinal);
            Assert.Contains($"127.0.0.1:{production.PrometheusUrl.Port}", onProduction.Text, StringComparison.Ordinal);
            Assert.Contains($"127.0.0.1:{staging.PrometheusUrl.Port}", byDefault.Text, StringComparison.Ordinal);
            Assert.True(refused.IsError);
            Assert.Contains("staging", refused.Text, StringComparison.Ordinal);
            Assert.False(alerts.IsError, alerts.Text);
            Assert.Contains("prometheus sources: production, staging; default staging; pass source=<name> to prom_ tools", status.Text, StringComparison.Ordinal);
            Assert.Contains($"prometheus production: {production.PrometheusUrl}", status.Text, StringComparison.Ordinal);
            Assert.Contains("prometheus production tenant: X-Scope-OrgID: prod", status.Text, StringComparison.Ordinal);
            Assert.Contains($"alertmanager staging: {staging.AlertmanagerUrl}", status.Text, StringComparison.Ordinal);

            // The audit sink may write records of calls that end close together out of order; request ids give the order.
            var records = await audit.RecordsAsync(6, Ct);
            string[] expected = ["prometheus staging", "prometheus production", "prometheus staging", "prometheus dev", "alertmanager production"];
            Assert.True(expected.SequenceEqual(records.Where(r => (string?)r["tool"] != "prom_status").OrderBy(r => int.Parse((string)r["request_id"]!, System.Globalization.CultureInfo.InvariantCulture)).Select(r => (string?)r["backend"])), string.Join("\n", records.Select(r => r.ToJsonString())));
            Assert.Equal("invalid", (string?)records.Single(r => (string?)r["backend"] == "prometheus dev")["outcome"]);
            Assert.Equal("prometheus production,staging; alertmanager production,staging", (string?)records.Single(r => (string?)r["tool"] == "prom_status")["backend"]);

            using var http = new HttpClient();
            using var health = JsonDocument.Parse(await http.GetStringAsync(new Uri(server.BaseUrl, "/health"), Ct));
            var checks = health.RootElement.GetProperty("checks");
            foreach (var name in new[] { "prometheus:staging", "prometheus:production", "alertmanager:staging", "alertmanager:production" })
                Assert.Equal("Healthy", checks.GetProperty(name).GetProperty("status").GetString());

            var tools = await client.ListToolsAsync(cancellationToken: Ct);
            var bytes = Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(new ListToolsResult { Tools = [.. tools.Select(t => t.ProtocolTool)] }, McpJsonUtilities.DefaultOptions));
            Assert.True(bytes <= 8000, $"tools/list is {bytes} bytes with two sources");
            Assert.All(tools.Where(t => t.Name != "prom_status"), tool => Assert.Equal(
                ["production", "staging"],
                tool.ProtocolTool.InputSchema.GetProperty("properties").GetProperty("source").GetProperty("enum").EnumerateArray().Select(e => e.GetString())));
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public async Task A_named_source_that_fails_names_its_own_settings_not_the_single_urls()
    {
        await using var prometheusGateway = new AuthenticatingProxy(staging.PrometheusUrl, "gateway-token-7c41", "payments");
        await using var alertmanagerGateway = new AuthenticatingProxy(staging.AlertmanagerUrl, "gateway-token-7c41", "payments");
        var settings = new Dictionary<string, string?>
        {
            ["Prometheus__Sources__gated__Url"] = prometheusGateway.Url.ToString(),
            ["Prometheus__Sources__misrouted__Url"] = new Uri(staging.PrometheusUrl, "not-prometheus/").ToString(),
            ["Alertmanager__Sources__gated__Url"] = alertmanagerGateway.Url.ToString(),
            ["Alertmanager__Sources__misrouted__Url"] = new Uri(staging.AlertmanagerUrl, "not-alertmanager/").ToString(),
        };
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", settings, Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var refused = await client.CallAsync("prom_query", ("query", "up"), ("source", "gated"));
        var misrouted = await client.CallAsync("prom_query", ("query", "up"), ("source", "misrouted"));
        var alertsRefused = await client.CallAsync("am_alerts", ("source", "gated"));
        var alertsMisrouted = await client.CallAsync("am_alerts", ("source", "misrouted"));

        Assert.True(refused.IsError, refused.Text);
        Assert.Contains("check Prometheus__Sources__gated__Auth, PROMETHEUS_GATED_TOKEN or Prometheus__Sources__gated__Username with PROMETHEUS_GATED_PASSWORD, and Prometheus__Sources__gated__TenantId", refused.Text, StringComparison.Ordinal);
        Assert.True(misrouted.IsError, misrouted.Text);
        Assert.Contains("Prometheus__Sources__misrouted__Url must be the API's base URL", misrouted.Text, StringComparison.Ordinal);
        Assert.True(alertsRefused.IsError, alertsRefused.Text);
        Assert.Contains("check Alertmanager__Sources__gated__Auth, ALERTMANAGER_GATED_TOKEN or Alertmanager__Sources__gated__Username with ALERTMANAGER_GATED_PASSWORD", alertsRefused.Text, StringComparison.Ordinal);
        Assert.True(alertsMisrouted.IsError, alertsMisrouted.Text);
        Assert.Contains("Alertmanager__Sources__misrouted__Url", alertsMisrouted.Text, StringComparison.Ordinal);
        foreach (var answer in new[] { refused, misrouted, alertsRefused, alertsMisrouted })
            Assert.DoesNotMatch("PROMETHEUS_URL|ALERTMANAGER_URL|PROMETHEUS_TOKEN|ALERTMANAGER_TOKEN|Prometheus__Auth|Alertmanager__Auth", answer.Text);
    }

    [Fact]
    public async Task One_url_lists_the_same_tools_as_before_with_no_source_argument()
    {
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", staging.Environment, Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var tools = await client.ListToolsAsync(cancellationToken: Ct);

        Assert.All(tools, tool => Assert.False(tool.ProtocolTool.InputSchema.GetProperty("properties").TryGetProperty("source", out _), tool.Name));
    }

    [Fact]
    public Task A_source_and_the_single_url_together_stop_start_up() =>
        StartupAssertions.RefusesToStartNamingAsync("ObservabilityTools", "Prometheus__Sources", new Dictionary<string, string?>
        {
            ["PROMETHEUS_URL"] = staging.PrometheusUrl.ToString(),
            ["Prometheus__Sources__production__Url"] = staging.PrometheusUrl.ToString(),
        });
}
