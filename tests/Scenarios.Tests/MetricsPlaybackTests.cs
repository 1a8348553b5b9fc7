using System.Text.Json.Nodes;
using SreSuite.MonitoringFixture;

namespace SreSuite.Scenarios.Tests;

/// <summary>
/// Plays every library scenario's metrics/*.yaml and rule files into a real Prometheus (promtool backfill, as the demo
/// does) and evaluates the expression of each ground-truth alert that has a rule at the run's now. At least one must
/// return data, so the fault shows on the Prometheus side and not only in alerts.json; the others are listed in the
/// test output (an alert may be Alertmanager-only, posted from alerts.json without series behind its rule). One
/// Prometheus per scenario, on the backfill alone (no live exporter, no Alertmanager): seconds for the small scenarios,
/// about a minute for each 10,000-pod one (loading the scenario, not Prometheus).
/// </summary>
public sealed class MetricsPlaybackTests
{
    public static TheoryData<string> Library => new(ScenarioCatalog.Names());

    [Theory]
    [MemberData(nameof(Library))]
    public async Task A_ground_truth_alert_s_expression_returns_data_in_a_real_prometheus(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = ScenarioCatalog.Load(name, DateTimeOffset.UtcNow);
        var checkedRules = scenario.GroundTruth.Alerts.Select(a => a.Id).Distinct()
            .SelectMany(id => scenario.AlertRules.Where(r => r.Alert == id)).ToList();
        if (checkedRules.Count == 0)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{name}: no ground-truth alert has a rule; nothing to evaluate");
            return;
        }

        var directory = Directory.CreateTempSubdirectory($"scenario-metrics-{name}-").FullName;
        try
        {
            var endpoints = new MonitoringEndpoints(ManagedProcess.FreePort(), ManagedProcess.FreePort(), ManagedProcess.FreePort(), ManagedProcess.FreePort());
            var files = await DemoData.GenerateAsync(directory, scenario, endpoints, TimeSpan.FromSeconds(15), ct);
            var url = new Uri($"http://127.0.0.1:{endpoints.PrometheusPort}/");
            await using var prometheus = await ManagedProcess.StartAsync(ManagedProcess.Require("prometheus", "prometheus"),
                [$"--config.file={files.PrometheusConfig}", $"--storage.tsdb.path={files.PrometheusData}", $"--web.listen-address=127.0.0.1:{endpoints.PrometheusPort}"],
                new Uri(url, "-/ready"), ct);
            using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(20) };

            var empty = new List<string>();
            foreach (var rule in checkedRules)
            {
                var query = $"api/v1/query?query={Uri.EscapeDataString(rule.Expr)}&time={scenario.Clock.Now.ToUnixTimeSeconds()}";
                var body = JsonNode.Parse(await http.GetStringAsync(new Uri(query, UriKind.Relative), ct));
                var results = body?["data"]?["result"]?.AsArray().Count ?? 0;
                TestContext.Current.TestOutputHelper?.WriteLine($"{name}: {rule.Alert}: {results} series at now");
                if (results == 0)
                    empty.Add($"{rule.Alert}: {rule.Expr}");
            }

            Assert.True(empty.Count < checkedRules.Count, $"{name}: no ground-truth alert's expression returns data at now:\n{string.Join('\n', empty)}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
