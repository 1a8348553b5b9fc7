using SreSuite.ObservabilityTools.Backends;

namespace SreSuite.ObservabilityTools.Prometheus;

/// <summary>
/// Where Prometheus (or a compatible API such as Thanos or Mimir) answers: <c>PROMETHEUS_URL</c> or
/// <c>Prometheus__Url</c>; auth and tenant as in <see cref="AuthenticatedBackendOptions"/>.
/// </summary>
public sealed class PrometheusOptions : AuthenticatedBackendOptions
{
    public const string Section = "Prometheus";

    /// <summary>Prefix of the secret environment variables: <c>PROMETHEUS_TOKEN</c>, <c>PROMETHEUS_PASSWORD</c>.</summary>
    public const string VariablePrefix = "PROMETHEUS";
}
