using Microsoft.Extensions.Options;
using SreSuite.ServiceDefaults.Http;

namespace SreSuite.ObservabilityTools.Prometheus;

/// <summary>The configured Prometheus.</summary>
public sealed class PrometheusBackend(IPrometheusApi api, IOptions<PrometheusOptions> options)
    : HttpBackend<IPrometheusApi>(api, options.Value, "Prometheus", PrometheusOptions.Section, "PROMETHEUS_URL")
{
    public override async Task<string> ProbeAsync(CancellationToken cancellationToken)
    {
        var build = await Api.GetBuildInfoAsync(cancellationToken);
        return $"Prometheus {build.Data?.Version ?? "(version not reported)"}";
    }
}
