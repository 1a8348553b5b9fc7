using SreSuite.IncidentTools.Catalog;
using SreSuite.IncidentTools.Deploys;
using SreSuite.IncidentTools.Incidents;
using SreSuite.IncidentTools.Runbooks;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.IncidentTools;

public static class IncidentSources
{
    /// <summary>Runbooks and catalog (files), PagerDuty and GitHub (optional, tokens from the environment).</summary>
    public static WebApplicationBuilder AddIncidentSources(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;

        builder.Services.AddOptions<RunbookOptions>()
            .Bind(configuration.GetSection(RunbookOptions.Section))
            .ValidateSettingsOnStart(options =>
            {
                if (!Directory.Exists(options.FullPath))
                    throw new InvalidSettingException("Runbooks__Path", $"runbook folder '{options.FullPath}' does not exist.");
            });
        builder.Services.AddOptions<CatalogOptions>()
            .Bind(configuration.GetSection(CatalogOptions.Section))
            .ValidateSettingsOnStart(options =>
            {
                if (!File.Exists(options.FullPath))
                    throw new InvalidSettingException("Catalog__Path", $"service catalog '{options.FullPath}' does not exist.");
            });
        builder.Services.AddOptions<PagerDutyOptions>()
            .Bind(configuration.GetSection(PagerDutyOptions.Section))
            .PostConfigure(options => options.Token ??= configuration["PAGERDUTY_TOKEN"])
            .ValidateSettingsOnStart(options => SettingUrls.Parse("PagerDuty__Url", options.Url));
        builder.Services.AddOptions<GitHubOptions>()
            .Bind(configuration.GetSection(GitHubOptions.Section))
            .PostConfigure(options => options.Token ??= configuration["GITHUB_TOKEN"])
            .ValidateSettingsOnStart(options => SettingUrls.Parse("GitHub__Url", options.Url));
        return builder;
    }
}
