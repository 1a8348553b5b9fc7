using SreSuite.ServiceDefaults.Http;

namespace SreSuite.ObservabilityTools.Prometheus;

/// <summary>Where Prometheus (or a compatible API such as Thanos or Mimir) answers: <c>PROMETHEUS_URL</c> or <c>Prometheus__Url</c>.</summary>
public sealed class PrometheusOptions : HttpBackendOptions
{
    public const string Section = "Prometheus";
}
