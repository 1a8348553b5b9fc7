using SreSuite.IncidentFixtures;
using SreSuite.KubeFixture;
using SreSuite.KubeFixture.Api;
using SreSuite.MonitoringFixture;
using KubeStory = SreSuite.KubeFixture.Cluster.DemoStory;

namespace SreSuite.PublishCheck;

/// <summary>
/// The demo's backends, as the server tests use them: the Kubernetes fixture, a real Prometheus and Alertmanager
/// with the demo history, and the PagerDuty, GitHub and runbook API fixtures.
/// </summary>
internal sealed class DemoBackends : IAsyncDisposable
{
    private readonly string _monitoringState = Directory.CreateTempSubdirectory("sresuite-publish-check-").FullName;
    private KubeFixtureServer? _cluster;
    private DemoMonitoring? _monitoring;
    private IncidentFixture? _incidents;

    public KubeFixtureServer Cluster => _cluster!;

    public DemoMonitoring Monitoring => _monitoring!;

    public IncidentFixture Incidents => _incidents!;

    public static async Task<DemoBackends> StartAsync(CancellationToken cancellationToken)
    {
        var backends = new DemoBackends();
        try
        {
            backends._cluster = await KubeFixtureServer.StartAsync(cancellationToken: cancellationToken);
            backends._incidents = await IncidentFixture.StartAsync(cancellationToken: cancellationToken);
            backends._monitoring = await DemoMonitoring.StartAsync(backends._monitoringState, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(2), cancellationToken);
            return backends;
        }
        catch
        {
            await backends.DisposeAsync();
            throw;
        }
    }

    /// <summary>A crash-looping pod of the new payments-api ReplicaSet, read from the fixture's store.</summary>
    public string CrashLoopingPod() =>
        Cluster.Store.List(ApiResources.Pods, KubeStory.Namespace)
            .Select(pod => pod.Object)
            .Where(pod => JsonFields.Text(pod, "metadata.name")!.StartsWith(KubeStory.Deployment, StringComparison.Ordinal))
            .Where(pod => JsonFields.Items(pod, "status.containerStatuses").Any(s => JsonFields.Text(s, "state.waiting.reason") == "CrashLoopBackOff"))
            .Select(pod => JsonFields.Text(pod, "metadata.name")!)
            .First();

    public async ValueTask DisposeAsync()
    {
        if (_monitoring is not null)
            await _monitoring.DisposeAsync();
        if (_incidents is not null)
            await _incidents.DisposeAsync();
        if (_cluster is not null)
            await _cluster.DisposeAsync();
        Directory.Delete(_monitoringState, recursive: true);
    }
}
