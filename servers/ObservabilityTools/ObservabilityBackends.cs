using SreSuite.ObservabilityTools.Alertmanager;
using SreSuite.ObservabilityTools.Prometheus;
using SreSuite.ServiceDefaults.Http;

namespace SreSuite.ObservabilityTools;

public static class ObservabilityBackends
{
    /// <summary>Prometheus (<c>PROMETHEUS_URL</c>) and Alertmanager (<c>ALERTMANAGER_URL</c>), each optional.</summary>
    public static WebApplicationBuilder AddObservabilityBackends(this WebApplicationBuilder builder)
    {
        builder.AddHttpBackend<IPrometheusApi, PrometheusOptions, PrometheusBackend>(
            PrometheusOptions.Section, "PROMETHEUS_URL", PrometheusJsonContext.Default);
        builder.AddHttpBackend<IAlertmanagerApi, AlertmanagerOptions, AlertmanagerBackend>(
            AlertmanagerOptions.Section, "ALERTMANAGER_URL", AlertmanagerJsonContext.Default);
        return builder;
    }
}
