using System.Net;
using SreSuite.MonitoringFixture;

namespace SreSuite.Resilience.Tests.Backends;

/// <summary>ObservabilityTools with the demo's real Alertmanager behind the proxy; Prometheus reached directly.</summary>
public sealed class AlertmanagerBackend(Monitoring monitoring) : FaultyBackend
{
    public override string ServerName => "ObservabilityTools";

    public override string HealthCheck => "alertmanager";

    public override ProbeCall Probe { get; } = new("am_alerts", new Dictionary<string, object?>(), "PaymentsApiHighErrorRate");

    public override ProbeCall LongCall { get; } = new("am_silences", new Dictionary<string, object?>(), "node-09");

    public override FailureAnswer Failure(HttpStatusCode status) => status switch
    {
        // Alertmanager's go-swagger error body.
        HttpStatusCode.InternalServerError => new(ProxyFault.Answer(status, """{"code":500,"message":"failed to read alerts: context deadline exceeded"}"""), "500"),
        HttpStatusCode.Forbidden => new(ProxyFault.Answer(status, "403 Forbidden\n", "text/plain; charset=utf-8"), "403"),
        HttpStatusCode.TooManyRequests => new(ProxyFault.Answer(status, "429 Too Many Requests\n", "text/plain; charset=utf-8", ("Retry-After", "30")), "429"),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    private DemoMonitoring? _stack;

    protected override async Task<Uri> StartUpstreamAsync(CancellationToken cancellationToken)
    {
        _stack = await monitoring.StackAsync().WaitAsync(cancellationToken);
        return _stack.AlertmanagerUrl;
    }

    protected override Task<IReadOnlyDictionary<string, string?>> SettingsAsync(Uri proxied, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>
        {
            ["PROMETHEUS_URL"] = _stack!.PrometheusUrl.ToString(),
            ["ALERTMANAGER_URL"] = proxied.ToString(),
        });

    protected override ValueTask StopUpstreamAsync() => ValueTask.CompletedTask;
}

public sealed class AlertmanagerFaults(AlertmanagerBackend backend) : BackendFaultContract<AlertmanagerBackend>(backend);
