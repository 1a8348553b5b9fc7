using System.Text.Json.Nodes;
using SreSuite.Scenarios;

namespace SreSuite.MonitoringFixture;

/// <summary>
/// A scenario's monitoring, running: its series backfilled into a real Prometheus that evaluates its rules, a live
/// exporter that continues them, and a real Alertmanager with its alerts and silences. Started on free loopback ports.
/// </summary>
public sealed class DemoMonitoring : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _parts = [];

    private DemoMonitoring(Scenario scenario, DemoDataFiles files)
    {
        Scenario = scenario;
        Files = files;
    }

    /// <summary>The scenario played, with its times on the run's clock.</summary>
    public Scenario Scenario { get; }

    public DemoDataFiles Files { get; }

    public Uri PrometheusUrl { get; private set; } = null!;

    public Uri AlertmanagerUrl { get; private set; } = null!;

    public SeededSilences Silences { get; private set; } = null!;

    /// <summary>The default scenario (the payments story) around <paramref name="now"/>; see the other overload.</summary>
    public static Task<DemoMonitoring> StartAsync(string directory, DateTimeOffset now, TimeSpan evaluationInterval, CancellationToken cancellationToken) =>
        StartAsync(directory, ScenarioCatalog.Load(null, now), evaluationInterval, cancellationToken);

    /// <summary>
    /// Generates <paramref name="scenario"/>'s data in <paramref name="directory"/>, starts Alertmanager, the live
    /// exporter and Prometheus, seeds Alertmanager, and returns once the scenario's rule-raised firing alerts fire in
    /// Prometheus (or, when a restore cannot take, after a bounded wait).
    /// </summary>
    /// <param name="evaluationInterval">Rule evaluation interval; short in tests, 15 s in the demo.</param>
    public static async Task<DemoMonitoring> StartAsync(string directory, Scenario scenario, TimeSpan evaluationInterval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var endpoints = new MonitoringEndpoints(ManagedProcess.FreePort(), ManagedProcess.FreePort(), ManagedProcess.FreePort(), ManagedProcess.FreePort());
        var files = await DemoData.GenerateAsync(directory, scenario, endpoints, evaluationInterval, cancellationToken);
        var stack = new DemoMonitoring(scenario, files);
        try
        {
            await stack.StartProcessesAsync(endpoints, cancellationToken);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    private async Task StartProcessesAsync(MonitoringEndpoints endpoints, CancellationToken cancellationToken)
    {
        AlertmanagerUrl = new Uri($"http://127.0.0.1:{endpoints.AlertmanagerPort}");
        _parts.Add(await ManagedProcess.StartAsync(
            ManagedProcess.Require("prometheus-alertmanager", "prometheus-alertmanager", "alertmanager"),
            [$"--config.file={Files.AlertmanagerConfig}", $"--storage.path={Path.Combine(Files.Directory, "alertmanager-data")}",
             $"--web.listen-address=127.0.0.1:{endpoints.AlertmanagerPort}", "--cluster.listen-address="],
            new Uri(AlertmanagerUrl, "/-/ready"), cancellationToken));

        _parts.Add(new LiveExporter(ScenarioMetrics.For(Scenario), endpoints.ExporterPort));

        PrometheusUrl = new Uri($"http://127.0.0.1:{endpoints.PrometheusPort}");
        _parts.Add(await ManagedProcess.StartAsync(
            ManagedProcess.Require("prometheus", "prometheus"),
            [$"--config.file={Files.PrometheusConfig}", $"--storage.tsdb.path={Files.PrometheusData}",
             $"--web.listen-address=127.0.0.1:{endpoints.PrometheusPort}",
             // Restoring the backfilled 'for' state needs a grace period shorter than the rule's 'for' (3m in the payments story).
             "--rules.alert.for-grace-period=1m"],
            new Uri(PrometheusUrl, "/-/ready"), cancellationToken));

        using var http = new HttpClient { BaseAddress = AlertmanagerUrl, Timeout = TimeSpan.FromSeconds(10) };
        Silences = await AlertmanagerSeed.PostAsync(http, Scenario, cancellationToken);
        await WaitForFiringAsync(cancellationToken);
        await WaitForScrapesAsync(cancellationToken);
    }

    /// <summary>Every target scraped once: metadata, <c>up</c> and the down target's error exist from then on.</summary>
    private async Task WaitForScrapesAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = PrometheusUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var last = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            last = await http.GetStringAsync(new Uri("api/v1/targets?state=active", UriKind.Relative), cancellationToken);
            var targets = DataField(last, "activeTargets") ?? [];
            if (targets.Count > 0 && targets.All(t => t?["health"]?.GetValue<string>() is "up" or "down"))
                return;
            await Task.Delay(500, cancellationToken);
        }

        throw new InvalidOperationException($"Prometheus did not scrape every target within 60 s; last /api/v1/targets: {last}");
    }

    /// <summary>
    /// Prometheus restores each backfilled alert's 'for' state after its first evaluations; wait until every firing
    /// alert a rule raises fires. An alert no output of its rule agrees with (or with no data at now) cannot be restored; it
    /// then fires after its 'for', and the demo starts anyway after the wait, saying so.
    /// </summary>
    private async Task WaitForFiringAsync(CancellationToken cancellationToken)
    {
        if (Files.Unrestorable.Count > 0)
            await Console.Error.WriteLineAsync($"MonitoringFixture: {string.Join(", ", Files.Unrestorable)} of scenario {Scenario.Name}: the rule's expression returns no output at now that agrees with alerts.json's labels, so Prometheus cannot restore it as firing; it fires only if its expression holds for its 'for' (Alertmanager still has it from alerts.json)");
        var expected = OpenMetricsHistory.RestoredAlerts(Scenario).Select(a => a.Labels["alertname"]).Where(n => !Files.Unrestorable.Contains(n)).ToHashSet(StringComparer.Ordinal);
        if (expected.Count == 0)
            return;
        using var http = new HttpClient { BaseAddress = PrometheusUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        var last = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            last = await http.GetStringAsync(new Uri("api/v1/alerts", UriKind.Relative), cancellationToken);
            var alerts = DataField(last, "alerts") ?? [];
            var firing = alerts.Where(a => a?["state"]?.GetValue<string>() == "firing").Select(a => a?["labels"]?["alertname"]?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            if (expected.All(firing.Contains))
                return;
            await Task.Delay(500, cancellationToken);
        }

        await Console.Error.WriteLineAsync(
            $"MonitoringFixture: {string.Join(", ", expected)} of scenario {Scenario.Name} did not fire in Prometheus within 90 s though the backfill carries the rule's labels; going on. Last /api/v1/alerts: {last}");
    }

    /// <summary>
    /// The array <c>data.&lt;name&gt;</c> of a Prometheus API answer, or null for anything else: an answer that is not
    /// Prometheus's JSON envelope (seen once in a CI bench at load 37, when the port answered with something other than
    /// an object) means "not yet", not a crash of the fixture.
    /// </summary>
    private static JsonArray? DataField(string body, string name)
    {
        try
        {
            return (JsonNode.Parse(body) as JsonObject)?["data"] is JsonObject data ? data[name] as JsonArray : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _parts.Count - 1; i >= 0; i--)
            await _parts[i].DisposeAsync();
        _parts.Clear();
    }
}
