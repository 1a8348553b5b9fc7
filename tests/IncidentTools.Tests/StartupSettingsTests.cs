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

    [Fact]
    public async Task Two_bad_settings_are_each_named_on_one_line_with_no_stack_trace()
    {
        // Validation of several settings fails as an AggregateException; it once escaped as an unhandled stack trace.
        var (exitCode, output) = await ServerProcess.RunToExitAsync("IncidentTools", new Dictionary<string, string?>
        {
            ["Runbooks__Path"] = Path.Combine(Path.GetTempPath(), $"no-runbooks-{Guid.NewGuid():N}"),
            ["Catalog__Path"] = Path.Combine(Path.GetTempPath(), $"no-catalog-{Guid.NewGuid():N}.yaml"),
        }, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        var errors = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Contains("configuration error", StringComparison.Ordinal)).ToList();
        Assert.Contains(errors, line => line.StartsWith("IncidentTools: configuration error: Runbooks__Path:", StringComparison.Ordinal));
        Assert.Contains(errors, line => line.StartsWith("IncidentTools: configuration error: Catalog__Path:", StringComparison.Ordinal));
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", output, StringComparison.Ordinal);
    }
}
