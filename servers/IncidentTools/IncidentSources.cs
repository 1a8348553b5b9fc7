using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Refit;
using SreSuite.IncidentTools.Catalog;
using SreSuite.IncidentTools.Deploys;
using SreSuite.IncidentTools.Incidents;
using SreSuite.IncidentTools.Incidents.PagerDuty;
using SreSuite.IncidentTools.Runbooks;
using SreSuite.ServiceDefaults.Hosting;
using SreSuite.ServiceDefaults.Http;
using SreSuite.ServiceDefaults.Security;

namespace SreSuite.IncidentTools;

public static class IncidentSources
{
    /// <summary>Runbooks and catalog (files), PagerDuty and GitHub (optional; tokens from the environment or a mounted file only, see <see cref="Secrets"/>).</summary>
    public static IHostApplicationBuilder AddIncidentSources(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddRunbooks();
        builder.AddCatalog();
        builder.AddPagerDuty();
        builder.AddGitHub();

        return builder;
    }

    /// <summary>What the tools share: the caller's identity, argument resolution through the catalog, the clock.</summary>
    public static IHostApplicationBuilder AddIncidentToolServices(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ServiceResolver>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    private static void AddRunbooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RunbookOptions>()
            .Bind(builder.Configuration.GetSection(RunbookOptions.Section))
            .ValidateSettingsOnStart(options =>
            {
                if (!Directory.Exists(options.FullPath))
                    throw new InvalidSettingException("Runbooks__Path", $"runbook folder '{options.FullPath}' does not exist.");
                if (!string.IsNullOrWhiteSpace(options.BaseUrl))
                    SettingUrls.Parse("Runbooks__BaseUrl", options.BaseUrl);
            });
        builder.Services.AddSingleton<RunbookLibraryLoader>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RunbookLibraryLoader>());
        builder.Services.AddSingleton(services => services.GetRequiredService<RunbookLibraryLoader>().Library);

        builder.Services.AddOptions<RunbookApiOptions>().WithSecret("RUNBOOK_API_TOKEN", static (options, token) => options.Token = token);
        builder.AddHttpBackend<IRunbookApi, RunbookApiOptions, RunbookApiBackend>(
                RunbookApiOptions.Section, "RUNBOOK_API_URL", RunbookApiJsonContext.Default, static (options, settings) => settings.Bind(options))
            .AddHttpMessageHandler(services => new RequestHeadersHandler(request =>
            {
                var token = services.GetRequiredService<IOptions<RunbookApiOptions>>().Value.Token;
                if (!string.IsNullOrWhiteSpace(token))
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }));
    }

    private static void AddCatalog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CatalogOptions>()
            .Bind(builder.Configuration.GetSection(CatalogOptions.Section))
            .ValidateSettingsOnStart(options =>
            {
                if (!File.Exists(options.FullPath))
                    throw new InvalidSettingException("Catalog__Path", $"service catalog '{options.FullPath}' does not exist.");
            });
        builder.Services.AddSingleton<CatalogLoader>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CatalogLoader>());
        builder.Services.AddSingleton(services => services.GetRequiredService<CatalogLoader>().Catalog);
    }

    private static void AddPagerDuty(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PagerDutyOptions>()
            .Bind(builder.Configuration.GetSection(PagerDutyOptions.Section))
            .ValidateSettingsOnStart(static options => SettingUrls.Parse("PagerDuty__Url", options.Url))
            .WithSecret("PAGERDUTY_TOKEN", static (options, token) => options.Token = token);

        builder.Services.AddRefitGeneratedClient<IPagerDutyApi>(PagerDutyJsonContext.Default)
            .ConfigureHttpClient((services, http) =>
            {
                var options = services.GetRequiredService<IOptions<PagerDutyOptions>>().Value;
                http.BaseAddress = SettingUrls.Parse("PagerDuty__Url", options.Url);
                http.Timeout = TimeSpan.FromSeconds(Math.Clamp(options.TimeoutSeconds, 1, 600));
            })
            .AddHttpMessageHandler(services => new RequestHeadersHandler(request =>
            {
                // PagerDuty's REST API v2 headers: any scheme but "Token token=…" gets 401, and the versioned Accept is
                // sent exactly as PagerDuty documents it (a parsed media type would be re-spaced).
                var token = services.GetRequiredService<IOptions<PagerDutyOptions>>().Value.Token;
                request.Headers.TryAddWithoutValidation("Authorization", $"Token token={token}");
                request.Headers.Remove("Accept");
                request.Headers.TryAddWithoutValidation("Accept", "application/vnd.pagerduty+json;version=2");
            }));
        builder.Services.AddSingleton<IIncidentProvider, PagerDutyProvider>();
        builder.Services.AddHealthChecks().AddCheck<BackendHealthCheck<IIncidentProvider>>("incidents");
    }

    private static void AddGitHub(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GitHubOptions>()
            .Bind(builder.Configuration.GetSection(GitHubOptions.Section))
            .ValidateSettingsOnStart(static options => SettingUrls.Parse("GitHub__Url", options.Url))
            .WithSecret("GITHUB_TOKEN", static (options, token) => options.Token = token);
        builder.Services.AddHttpClient(GitHubDeploys.HttpClientName);
        builder.Services.AddSingleton<GitHubDeploys>();
        builder.Services.AddHealthChecks().AddCheck<BackendHealthCheck<GitHubDeploys>>("deploys");
    }
}
