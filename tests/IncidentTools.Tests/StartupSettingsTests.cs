namespace SreSuite.IncidentTools.Tests;

public sealed class StartupSettingsTests
{
    [Fact]
    public Task Missing_runbook_folder_is_named() =>
        StartupAssertions.RefusesToStartNamingAsync("IncidentTools", "Runbooks__Path", new Dictionary<string, string?>
        {
            ["Runbooks__Path"] = Path.Combine(Path.GetTempPath(), $"no-runbooks-{Guid.NewGuid():N}"),
        });

    [Fact]
    public Task Malformed_pagerduty_url_is_named() =>
        StartupAssertions.RefusesToStartNamingAsync("IncidentTools", "PagerDuty__Url", new Dictionary<string, string?>
        {
            ["PagerDuty__Url"] = "api.pagerduty.com",
        });
}
