using Refit;

namespace SreSuite.ObservabilityTools.Prometheus;

/// <summary>The Prometheus HTTP API, as documented at prometheus.io/docs/prometheus/latest/querying/api/.</summary>
public interface IPrometheusApi
{
    [Get("/api/v1/status/buildinfo")]
    Task<PrometheusResponse<PrometheusBuildInfo>> GetBuildInfoAsync(CancellationToken cancellationToken);
}
