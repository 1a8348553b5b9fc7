using Microsoft.Extensions.Options;
using SreSuite.ObservabilityTools.Alertmanager;
using SreSuite.ObservabilityTools.Backends;
using SreSuite.ObservabilityTools.Prometheus;
using SreSuite.ServiceDefaults.Hosting;
using SreSuite.ServiceDefaults.Http;

namespace SreSuite.ObservabilityTools;

public static class ObservabilityBackends
{
    /// <summary>
    /// Prometheus (<c>PROMETHEUS_URL</c>) and Alertmanager (<c>ALERTMANAGER_URL</c>), each optional, each with its
    /// own auth and tenant settings checked at start.
    /// </summary>
    public static WebApplicationBuilder AddObservabilityBackends(this WebApplicationBuilder builder)
    {
        builder.AddHttpBackend<IPrometheusApi, PrometheusOptions, PrometheusBackend>(
                PrometheusOptions.Section, "PROMETHEUS_URL", PrometheusJsonContext.Default, static (options, settings) => settings.Bind(options))
            .AddHttpMessageHandler(services => new BackendAuthHandler(PrometheusAuth(services)));
        builder.Services.AddOptions<PrometheusOptions>()
            .ValidateSettingsOnStart(options => BackendAuth.From(options, PrometheusOptions.Section, PrometheusOptions.VariablePrefix, Environment.GetEnvironmentVariable));

        builder.AddHttpBackend<IAlertmanagerApi, AlertmanagerOptions, AlertmanagerBackend>(
                AlertmanagerOptions.Section, "ALERTMANAGER_URL", AlertmanagerJsonContext.Default, static (options, settings) => settings.Bind(options))
            .AddHttpMessageHandler(services => new BackendAuthHandler(AlertmanagerAuth(services)));
        builder.Services.AddOptions<AlertmanagerOptions>()
            .ValidateSettingsOnStart(options =>
            {
                BackendAuth.From(options, AlertmanagerOptions.Section, AlertmanagerOptions.VariablePrefix, Environment.GetEnvironmentVariable);
                _ = options.MaxSilence;
            });
        return builder;
    }

    private static BackendAuth PrometheusAuth(IServiceProvider services) => BackendAuth.From(
        services.GetRequiredService<IOptions<PrometheusOptions>>().Value, PrometheusOptions.Section, PrometheusOptions.VariablePrefix, Environment.GetEnvironmentVariable);

    private static BackendAuth AlertmanagerAuth(IServiceProvider services) => BackendAuth.From(
        services.GetRequiredService<IOptions<AlertmanagerOptions>>().Value, AlertmanagerOptions.Section, AlertmanagerOptions.VariablePrefix, Environment.GetEnvironmentVariable);
}
