namespace SreSuite.IncidentTools.Tests;

/// <summary>Sources that are missing or partly broken: the server starts, says what is wrong and keeps serving.</summary>
public sealed class SourceSettingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Runbook_warnings_are_visible_in_status_and_lookups_still_work()
    {
        using var folder = new TempFolder();
        folder.Write("good.md", "---\ntitle: Disk filling up\nservice: storage\nalerts: [DiskFillingUp]\n---\n# Disk filling up\n\n## Mitigate\n\nDelete old snapshots.\n");
        folder.Write("copy.md", "---\ntitle: Disk copy\nservice: storage\nalerts: [DiskFillingUp]\n---\n# Disk copy\n");
        folder.Write("broken.md", "---\ntitle: [unclosed\n---\n# Broken\n");
        folder.Write("huge.md", "# Huge\n\n" + new string('y', 400 * 1024));
        await using var server = await ServerProcess.StartAsync("IncidentTools", new Dictionary<string, string?> { ["Runbooks__Path"] = folder.Path }, Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var status = (await client.CallToolAsync("incident_status", cancellationToken: Ct)).Text();
        var lookup = (await client.CallToolAsync("runbook_lookup", new Dictionary<string, object?> { ["alert"] = "DiskFillingUp" }, cancellationToken: Ct)).Text();

        Assert.Contains("(3 indexed in ", status, StringComparison.Ordinal);
        Assert.Contains("3 warnings)", status, StringComparison.Ordinal);
        Assert.Contains("runbook warning: broken.md: front matter is not valid YAML", status, StringComparison.Ordinal);
        Assert.Contains("runbook warning: good.md: alert 'DiskFillingUp' is also listed by copy.md", status, StringComparison.Ordinal);
        Assert.Contains("runbook warning: huge.md: skipped: 400 KB is over the 256 KB limit", status, StringComparison.Ordinal);
        Assert.StartsWith("no single runbook stands out for alert 'DiskFillingUp'; 2 candidates", lookup, StringComparison.Ordinal);
        Assert.Contains(server.Output, line => line.Contains("Runbook broken.md: front matter is not valid YAML", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unconfigured_backends_give_errors_that_name_the_setting()
    {
        await using var server = await ServerProcess.StartAsync("IncidentTools", cancellationToken: Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var incidents = await client.CallToolAsync("incident_list", cancellationToken: Ct);
        var deploys = await client.CallToolAsync("deploys_recent", new Dictionary<string, object?> { ["service"] = "payments-api" }, cancellationToken: Ct);
        var timeline = await client.CallToolAsync("incident_timeline", new Dictionary<string, object?> { ["service"] = "payments-api" }, cancellationToken: Ct);

        Assert.True(incidents.IsError);
        Assert.Equal("no incident provider configured: set PAGERDUTY_TOKEN (and PagerDuty__Url for the EU region).", incidents.Text());
        Assert.True(deploys.IsError);
        Assert.Equal("no deploy source configured: set GITHUB_TOKEN (and GitHub__Url for GitHub Enterprise).", deploys.Text());
        Assert.NotEqual(true, timeline.IsError);
        Assert.Contains("incidents: no incident provider configured: set PAGERDUTY_TOKEN", timeline.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public Task Malformed_runbook_base_url_is_named() =>
        StartupAssertions.RefusesToStartNamingAsync("IncidentTools", "Runbooks__BaseUrl", new Dictionary<string, string?>
        {
            ["Runbooks__BaseUrl"] = "runbooks.example.com",
        });
}
