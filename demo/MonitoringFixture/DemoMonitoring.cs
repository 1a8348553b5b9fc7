using System.Text.Json.Nodes;

namespace SreSuite.MonitoringFixture;

/// <summary>
/// The demo's monitoring, running: generated history loaded into a real Prometheus, a live exporter that
/// continues it, and a real Alertmanager with the demo's alerts and silences. Started on free loopback ports.
/// </summary>
public sealed class DemoMonitoring : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _parts = [];

    private DemoMonitoring(DemoStory story, DemoDataFiles files)
    {
        Story = story;
        Files = files;
    }

    public DemoStory Story { get; }

    public DemoDataFiles Files { get; }

    public Uri PrometheusUrl { get; private set; } = null!;

    public Uri AlertmanagerUrl { get; private set; } = null!;

    public SeededSilences Silences { get; private set; } = null!;

    /// <summary>
    /// Generates the data for <paramref name="now"/> in <paramref name="directory"/>, starts Alertmanager, the live
    /// exporter and Prometheus, seeds Alertmanager, and returns once PaymentsApiHighErrorRate fires in Prometheus.
    /// </summary>
    /// <param name="evaluationInterval">Rule evaluation interval; short in tests, 15 s in the demo.</param>
    public static async Task<DemoMonitoring> StartAsync(string directory, DateTimeOffset now, TimeSpan evaluationInterval, CancellationToken cancellationToken)
    {
        var story = new DemoStory(now);
        var endpoints = new MonitoringEndpoints(ManagedProcess.FreePort(), ManagedProcess.FreePort(), ManagedProcess.FreePort(), ManagedProcess.FreePort());
        var files = await DemoData.GenerateAsync(directory, story, endpoints, evaluationInterval, cancellationToken);
        var stack = new DemoMonitoring(story, files);
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

        _parts.Add(new LiveExporter(DemoMetrics.For(Story), endpoints.ExporterPort));

        PrometheusUrl = new Uri($"http://127.0.0.1:{endpoints.PrometheusPort}");
        _parts.Add(await ManagedProcess.StartAsync(
            ManagedProcess.Require("prometheus", "prometheus"),
            [$"--config.file={Files.PrometheusConfig}", $"--storage.tsdb.path={Files.PrometheusData}",
             $"--web.listen-address=127.0.0.1:{endpoints.PrometheusPort}",
             // Restoring the backfilled 'for' state needs a grace period shorter than the rule's 'for' (3m).
             "--rules.alert.for-grace-period=1m"],
            new Uri(PrometheusUrl, "/-/ready"), cancellationToken));

        using var http = new HttpClient { BaseAddress = AlertmanagerUrl, Timeout = TimeSpan.FromSeconds(10) };
        Silences = await AlertmanagerSeed.PostAsync(http, Story, cancellationToken);
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
            var targets = JsonNode.Parse(last)?["data"]?["activeTargets"]?.AsArray() ?? [];
            if (targets.Count > 0 && targets.All(t => t?["health"]?.GetValue<string>() is "up" or "down"))
                return;
            await Task.Delay(500, cancellationToken);
        }

        throw new InvalidOperationException($"Prometheus did not scrape every target within 60 s; last /api/v1/targets: {last}");
    }

    /// <summary>Prometheus restores the alert's 'for' state after its first evaluations; wait until it fires.</summary>
    private async Task WaitForFiringAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = PrometheusUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        var last = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            last = await http.GetStringAsync(new Uri("api/v1/alerts", UriKind.Relative), cancellationToken);
            var alerts = JsonNode.Parse(last)?["data"]?["alerts"]?.AsArray() ?? [];
            if (alerts.Any(a => a?["labels"]?["alertname"]?.GetValue<string>() == DemoStory.PaymentsAlert && a?["state"]?.GetValue<string>() == "firing"))
                return;
            await Task.Delay(500, cancellationToken);
        }

        throw new InvalidOperationException($"{DemoStory.PaymentsAlert} did not fire in Prometheus within 90 s; last /api/v1/alerts: {last}");
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _parts.Count - 1; i >= 0; i--)
            await _parts[i].DisposeAsync();
        _parts.Clear();
    }
}
