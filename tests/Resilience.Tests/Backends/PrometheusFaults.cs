using System.Net;
using SreSuite.MonitoringFixture;

namespace SreSuite.Resilience.Tests.Backends;

/// <summary>ObservabilityTools with the demo's real Prometheus behind the proxy; Alertmanager reached directly.</summary>
public sealed class PrometheusBackend(Monitoring monitoring) : FaultyBackend
{
    public override string ServerName => "ObservabilityTools";

    public override string HealthCheck => "prometheus";

    public override ProbeCall Probe { get; } = new("prom_alerts", new Dictionary<string, object?>(), "PaymentsApiHighErrorRate");

    public override ProbeCall LongCall { get; } = new("prom_rules", new Dictionary<string, object?>(), "PaymentsApiHighErrorRate");

    public override FailureAnswer Failure(HttpStatusCode status) => status switch
    {
        // Prometheus' own error envelope.
        HttpStatusCode.InternalServerError => new(ProxyFault.Answer(status, """{"status":"error","errorType":"internal","error":"expanding series: read chunk: checksum mismatch"}"""), "internal"),
        // An authenticating gateway in front of it.
        HttpStatusCode.Forbidden => new(ProxyFault.Answer(status, "403 Forbidden: sre-bot may not read tenant payments\n", "text/plain; charset=utf-8"), "403"),
        // Mimir or a gateway limiting the tenant's request rate.
        HttpStatusCode.TooManyRequests => new(ProxyFault.Answer(status,
            "the request has been rejected because the tenant exceeded the request rate limit, set to 10 requests/s across all distributors with a maximum allowed burst of 20 (err-mimir-tenant-max-request-rate)\n",
            "text/plain; charset=utf-8", ("Retry-After", "30")), "429"),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    private DemoMonitoring? _stack;

    protected override async Task<Uri> StartUpstreamAsync(CancellationToken cancellationToken)
    {
        _stack = await monitoring.StackAsync().WaitAsync(cancellationToken);
        return _stack.PrometheusUrl;
    }

    protected override Task<IReadOnlyDictionary<string, string?>> SettingsAsync(Uri proxied, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>
        {
            ["PROMETHEUS_URL"] = proxied.ToString(),
            ["ALERTMANAGER_URL"] = _stack!.AlertmanagerUrl.ToString(),
        });

    protected override ValueTask StopUpstreamAsync() => ValueTask.CompletedTask;
}

public sealed class PrometheusFaults(PrometheusBackend backend) : BackendFaultContract<PrometheusBackend>(backend);
