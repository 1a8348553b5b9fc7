[assembly: AssemblyFixture(typeof(SreSuite.ObservabilityTools.Tests.RealMonitoring))]

namespace SreSuite.ObservabilityTools.Tests;

/// <summary>A real Prometheus and a real Alertmanager on loopback ports, shared by every test in this assembly.</summary>
public sealed class RealMonitoring : IAsyncLifetime
{
    private readonly string _state = Directory.CreateTempSubdirectory("sresuite-tests-monitoring-").FullName;
    private BackgroundProcess? _prometheus;
    private BackgroundProcess? _alertmanager;

    public Uri PrometheusUrl { get; private set; } = null!;

    public Uri AlertmanagerUrl { get; private set; } = null!;

    /// <summary>The settings that point ObservabilityTools at this stack.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["PROMETHEUS_URL"] = PrometheusUrl.ToString(),
        ["ALERTMANAGER_URL"] = AlertmanagerUrl.ToString(),
    };

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var alertmanagerPort = BackgroundProcess.FreePort();
        AlertmanagerUrl = new Uri($"http://127.0.0.1:{alertmanagerPort}");
        var alertmanagerConfig = Path.Combine(_state, "alertmanager.yml");
        await File.WriteAllTextAsync(alertmanagerConfig, "route:\n  receiver: 'null'\nreceivers:\n  - name: 'null'\n", ct);
        _alertmanager = await BackgroundProcess.StartAsync(
            BackgroundProcess.Require("prometheus-alertmanager", "prometheus-alertmanager", "alertmanager"),
            [$"--config.file={alertmanagerConfig}", $"--storage.path={Path.Combine(_state, "am")}",
             $"--web.listen-address=127.0.0.1:{alertmanagerPort}", "--cluster.listen-address="],
            new Uri(AlertmanagerUrl, "/-/ready"), ct);

        var prometheusPort = BackgroundProcess.FreePort();
        PrometheusUrl = new Uri($"http://127.0.0.1:{prometheusPort}");
        var prometheusConfig = Path.Combine(_state, "prometheus.yml");
        await File.WriteAllTextAsync(prometheusConfig, $"global:\n  scrape_interval: 15s\nalerting:\n  alertmanagers:\n    - static_configs: [{{ targets: ['127.0.0.1:{alertmanagerPort}'] }}]\n", ct);
        _prometheus = await BackgroundProcess.StartAsync(
            BackgroundProcess.Require("prometheus", "prometheus"),
            [$"--config.file={prometheusConfig}", $"--storage.tsdb.path={Path.Combine(_state, "prom")}",
             $"--web.listen-address=127.0.0.1:{prometheusPort}"],
            new Uri(PrometheusUrl, "/-/ready"), ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_prometheus is not null)
            await _prometheus.DisposeAsync();
        if (_alertmanager is not null)
            await _alertmanager.DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }
}
