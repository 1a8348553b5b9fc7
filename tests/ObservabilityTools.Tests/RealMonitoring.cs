using SreSuite.MonitoringFixture;

[assembly: AssemblyFixture(typeof(SreSuite.ObservabilityTools.Tests.RealMonitoring))]

namespace SreSuite.ObservabilityTools.Tests;

/// <summary>
/// A real Prometheus and a real Alertmanager on loopback ports, shared by every test in this assembly: the
/// demo's 24 hours of history backfilled with promtool and continued live, its rules (PaymentsApiHighErrorRate
/// firing), and its alerts and silences posted to Alertmanager.
/// </summary>
public sealed class RealMonitoring : IAsyncLifetime
{
    private readonly string _state = Directory.CreateTempSubdirectory("sresuite-tests-monitoring-").FullName;
    private DemoMonitoring? _monitoring;

    public Uri PrometheusUrl => Monitoring.PrometheusUrl;

    public Uri AlertmanagerUrl => Monitoring.AlertmanagerUrl;

    public PaymentsStory Story => new(Monitoring.Scenario);

    public SeededSilences Silences => Monitoring.Silences;

    /// <summary>The settings that point ObservabilityTools at this stack.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["PROMETHEUS_URL"] = PrometheusUrl.ToString(),
        ["ALERTMANAGER_URL"] = AlertmanagerUrl.ToString(),
    };

    private DemoMonitoring Monitoring => _monitoring ?? throw new InvalidOperationException("the monitoring fixture did not start");

    public async ValueTask InitializeAsync()
    {
        // A short evaluation interval lets Prometheus restore the alert's 'for' state within seconds.
        _monitoring = await DemoMonitoring.StartAsync(_state, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
    }

    /// <summary>The settings above plus <paramref name="extra"/> (null values remove a setting).</summary>
    public IReadOnlyDictionary<string, string?> With(params (string Name, string? Value)[] extra)
    {
        var environment = new Dictionary<string, string?>(Environment);
        foreach (var (name, value) in extra)
            environment[name] = value;
        return environment;
    }

    public async ValueTask DisposeAsync()
    {
        if (_monitoring is not null)
            await _monitoring.DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }
}
