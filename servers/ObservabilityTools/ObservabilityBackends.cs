using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Refit;
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
    public static IHostApplicationBuilder AddObservabilityBackends(this IHostApplicationBuilder builder)
    {
        builder.AddHttpBackend<IPrometheusApi, PrometheusOptions, PrometheusBackend>(
                PrometheusOptions.Section, "PROMETHEUS_URL", PrometheusJsonContext.Default, static (options, settings) => settings.Bind(options))
            .AddHttpMessageHandler(services => new RequestHeadersHandler(PrometheusAuth(services).Apply));
        builder.Services.AddOptions<PrometheusOptions>()
            .ValidateSettingsOnStart(options => BackendAuth.From(options, PrometheusOptions.Section, PrometheusOptions.VariablePrefix, Environment.GetEnvironmentVariable));

        builder.AddHttpBackend<IAlertmanagerApi, AlertmanagerOptions, AlertmanagerBackend>(
                AlertmanagerOptions.Section, "ALERTMANAGER_URL", AlertmanagerJsonContext.Default, static (options, settings) => settings.Bind(options))
            .AddHttpMessageHandler(services => new RequestHeadersHandler(AlertmanagerAuth(services).Apply));
        builder.Services.AddOptions<AlertmanagerOptions>()
            .ValidateSettingsOnStart(options =>
            {
                BackendAuth.From(options, AlertmanagerOptions.Section, AlertmanagerOptions.VariablePrefix, Environment.GetEnvironmentVariable);
                _ = options.MaxSilence;
            });

        builder.AddSources<IPrometheusApi, PrometheusOptions, PrometheusBackend>(
            PrometheusOptions.Section, PrometheusOptions.VariablePrefix, "prometheus", PrometheusJsonContext.Default,
            static (options, settings) => settings.Bind(options),
            static (api, options, section, prefix) => new PrometheusBackend(api, options, section, prefix),
            static tool => tool.StartsWith("prom_", StringComparison.Ordinal) && tool != StatusTool);
        builder.AddSources<IAlertmanagerApi, AlertmanagerOptions, AlertmanagerBackend>(
            AlertmanagerOptions.Section, AlertmanagerOptions.VariablePrefix, "alertmanager", AlertmanagerJsonContext.Default,
            static (options, settings) => settings.Bind(options),
            static (api, options, section, prefix) => new AlertmanagerBackend(api, options, section, prefix),
            static tool => tool.StartsWith("am_", StringComparison.Ordinal));
        return builder;
    }

    /// <summary>The status tool reports on every source; the other tools take <c>source</c>.</summary>
    public const string StatusTool = "prom_status";

    /// <summary>
    /// Named sources of one backend (<c>&lt;section&gt;__Sources__&lt;name&gt;__Url</c>, auth, tenant and headers per
    /// source, secrets from <c>&lt;PREFIX&gt;_&lt;NAME&gt;_TOKEN</c> or <c>_PASSWORD</c>): one client each, created once, and the
    /// tools' backend becomes the one the call's <c>source</c> names. Without sources nothing changes.
    /// </summary>
    private static void AddSources<TApi, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions, TBackend>(
        this IHostApplicationBuilder builder, string section, string prefix, string kind, JsonSerializerContext json,
        Action<TOptions, IConfiguration> bind, Func<TApi, TOptions, string, string, TBackend> create, Func<string, bool> appliesTo)
        where TApi : class
        where TOptions : AuthenticatedBackendOptions, new()
        where TBackend : HttpBackend<TApi>
    {
        var configuration = builder.Configuration;
        var sources = NamedSourceSettings.Read(configuration, section, bind);
        if (sources.Count == 0)
        {
            builder.Services.AddSingleton(new NamedSources<TBackend>(kind, [], null, appliesTo));
            return;
        }

        var names = sources.Select(s => s.Name).ToList();
        builder.Services.AddOptions<TOptions>().ValidateSettingsOnStart(single =>
        {
            if (!string.IsNullOrWhiteSpace(single.Url))
                throw new InvalidSettingException($"{section}__Sources", $"is set together with {single.UrlSetting}; name every source under {section}__Sources__<name>__Url, or use the single URL alone.");
            NamedSourceSettings.DefaultName(configuration, section, names);
            foreach (var (name, options) in sources)
            {
                if (SettingUrls.Parse(options.UrlSetting, options.Url) is null)
                    throw new InvalidSettingException(options.UrlSetting, $"is empty; every source under {section}__Sources needs its URL.");
                BackendAuth.From(options, NamedSourceSettings.Setting(section, name), NamedSourceSettings.VariablePrefix(prefix, name), Environment.GetEnvironmentVariable);
            }
        });

        foreach (var (name, options) in sources)
        {
            builder.Services.AddHttpClient($"{kind}:{name}", http =>
                {
                    http.BaseAddress = SettingUrls.Parse(options.UrlSetting, options.Url) ?? new Uri($"http://{kind}.invalid");
                    http.Timeout = TimeSpan.FromSeconds(Math.Clamp(options.TimeoutSeconds, 1, 600));
                })
                .AddHttpMessageHandler(() => new RequestHeadersHandler(BackendAuth.From(
                    options, NamedSourceSettings.Setting(section, name), NamedSourceSettings.VariablePrefix(prefix, name), Environment.GetEnvironmentVariable)
                    .Apply));
        }

        builder.Services.AddSingleton(services =>
        {
            var clients = services.GetRequiredService<IHttpClientFactory>();
            var settings = new RefitSettings(new SystemTextJsonContentSerializer(json.Options));
            return new NamedSources<TBackend>(kind, [.. sources.Select(source => (source.Name, create(
                    RestService.ForGenerated<TApi>(clients.CreateClient($"{kind}:{source.Name}"), settings),
                    source.Options,
                    NamedSourceSettings.Setting(section, source.Name),
                    NamedSourceSettings.VariablePrefix(prefix, source.Name))))],
                NamedSourceSettings.DefaultName(configuration, section, names), appliesTo);
        });
        builder.Services.AddSingleton(services => services.GetRequiredService<NamedSources<TBackend>>().Selector!);
        // Registered after the single backend, so the tools resolve the call's source (tools are created per call).
        builder.Services.AddTransient(services => services.GetRequiredService<NamedSources<TBackend>>().Current!);
        var health = builder.Services.AddHealthChecks();
        foreach (var name in names)
        {
            health.Add(new HealthCheckRegistration($"{kind}:{name}", services => new BackendHealthCheck<TBackend>(
                services.GetRequiredService<NamedSources<TBackend>>().All.Single(s => s.Name == name).Backend), null, null));
        }
    }

    private static BackendAuth PrometheusAuth(IServiceProvider services) => BackendAuth.From(
        services.GetRequiredService<IOptions<PrometheusOptions>>().Value, PrometheusOptions.Section, PrometheusOptions.VariablePrefix, Environment.GetEnvironmentVariable);

    private static BackendAuth AlertmanagerAuth(IServiceProvider services) => BackendAuth.From(
        services.GetRequiredService<IOptions<AlertmanagerOptions>>().Value, AlertmanagerOptions.Section, AlertmanagerOptions.VariablePrefix, Environment.GetEnvironmentVariable);
}
