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

    [Fact]
    public void A_file_alert_takes_the_labels_of_the_rule_output_that_agrees_with_it()
    {
        var at = DateTimeOffset.UnixEpoch;
        var rule = new AlertRule("g", "KubePodCrashLooping", "x", TimeSpan.FromMinutes(15), new Dictionary<string, string> { ["severity"] = "warning" }, new Dictionary<string, string>());
        var sum = new AlertRule("g", "CheckoutErrors", "sum(x)", TimeSpan.FromMinutes(5), new Dictionary<string, string> { ["severity"] = "critical" }, new Dictionary<string, string>());
        static Dictionary<string, string> Labels(params string[] pairs) => pairs.Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        RuleOutputs.RestoredAlert File(params string[] pairs) => new(Labels(pairs), at, at);
        var outputs = new Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>>
        {
            // kube-state-metrics' series keep reason, and the backfill gives them the exporter's job.
            ["KubePodCrashLooping"] = [Labels("pod=a-1", "namespace=shop", "reason=CrashLoopBackOff", "job=kubernetes-pods"), Labels("pod=a-2", "namespace=shop", "reason=CrashLoopBackOff", "job=kubernetes-pods")],
            // The aggregation drops every label the file names.
            ["CheckoutErrors"] = [Labels()],
        };

        var matched = RuleOutputs.Match(
            [File("alertname=KubePodCrashLooping", "pod=a-2", "namespace=shop", "severity=warning"), File("alertname=CheckoutErrors", "namespace=shop", "service=frontend", "severity=critical"),
             File("alertname=KubePodCrashLooping", "pod=a-9", "namespace=shop", "severity=warning"), File("alertname=NoRule", "pod=a-1")],
            [rule, sum], outputs);

        Assert.Equal(Labels("alertname=KubePodCrashLooping", "pod=a-2", "namespace=shop", "reason=CrashLoopBackOff", "job=kubernetes-pods", "severity=warning"), matched[0].Labels);
        Assert.Equal(Labels("alertname=CheckoutErrors", "severity=critical"), matched[1].Labels);
        // An alert no output agrees with, or without a rule, keeps its own labels (the demo then says it did not fire).
        Assert.Equal(Labels("alertname=KubePodCrashLooping", "pod=a-9", "namespace=shop", "severity=warning"), matched[2].Labels);
        Assert.Equal(Labels("alertname=NoRule", "pod=a-1"), matched[3].Labels);
        Assert.Equal([true, true, false, false], matched.Select(m => m.FromRule));
    }

    [Fact]
    public async Task Firing_alerts_whose_file_labels_differ_from_the_rule_output_are_restored_as_firing()
    {
        // cart-oom-kill's alerts.json names pods without kube-state-metrics' reason and job labels, and its checkout
        // alert names a namespace and service its sum() drops: before the labels came from the rules, none restored,
        // and every rule sat pending for its 'for'.
        var ct = TestContext.Current.CancellationToken;
        var scenario = ScenarioCatalog.Load("cart-oom-kill", DateTimeOffset.UtcNow);
        var state = Directory.CreateTempSubdirectory("scenario-restore-").FullName;
        try
        {
            await using var monitoring = await DemoMonitoring.StartAsync(state, scenario, TimeSpan.FromSeconds(2), ct);
            using var http = new HttpClient { BaseAddress = monitoring.PrometheusUrl, Timeout = TimeSpan.FromSeconds(20) };
            var rules = JsonNode.Parse(await http.GetStringAsync(new Uri("api/v1/rules?type=alert", UriKind.Relative), ct))!["data"]!["groups"]!.AsArray()
                .SelectMany(g => g!["rules"]!.AsArray()).ToDictionary(r => r!["name"]!.GetValue<string>(), r => r!["state"]!.GetValue<string>());
            Assert.Equal("firing", rules["KubePodCrashLooping"]);
            Assert.Equal("firing", rules["CheckoutCartErrors"]);
            // The OOM rule reads kube-state-metrics' last-terminated reason, a series the folder does not have: said, not waited for.
            Assert.Contains("KubeContainerOOMKilled", monitoring.Files.Unrestorable);
            Assert.DoesNotContain("KubePodCrashLooping", monitoring.Files.Unrestorable);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }
}
