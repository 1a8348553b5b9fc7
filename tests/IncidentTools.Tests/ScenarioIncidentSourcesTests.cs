using SreSuite.IncidentFixtures;
using SreSuite.Scenarios;

namespace SreSuite.IncidentTools.Tests;

/// <summary>
/// Every scenario of the library played through the incident backends as the AppHost and the bench wire them: the
/// fixtures serve its pagerduty/ and github/ files, IncidentTools reads its runbooks/ and catalog.yaml. The paged
/// service's timeline shows its own incident (and its deploys when the catalog names its repository), and the
/// ground truth's alerts find the scenario's own runbook.
/// </summary>
public sealed class ScenarioIncidentSourcesTests
{
    public static TheoryData<string> Names() => [.. ScenarioCatalog.Names()];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task The_paged_services_timeline_and_the_alerts_runbook_come_from_the_scenario(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = ScenarioCatalog.Load(name, DateTimeOffset.UtcNow);
        await using var fixture = await IncidentFixture.StartAsync(scenario: scenario, cancellationToken: ct);
        var environment = fixture.ServerEnvironment.ToDictionary();
        environment["Runbooks__Path"] = scenario.RunbooksFolder;
        environment["Catalog__Path"] = scenario.CatalogFile;
        await using var server = await ServerProcess.StartAsync("IncidentTools", environment, ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, ct);

        var paged = scenario.Incidents.Where(i => i.Status != "resolved").OrderByDescending(i => i.CreatedAt).First();
        var service = scenario.Catalog.First(e => e.PagerDutyServiceId == paged.ServiceId);
        var timeline = (await client.CallToolAsync("incident_timeline", new Dictionary<string, object?> { ["service"] = service.Name, ["hours_before"] = 24 }, cancellationToken: ct)).Text();
        TestContext.Current.TestOutputHelper?.WriteLine(timeline);
        Assert.StartsWith($"timeline of {service.Name} from ", timeline, StringComparison.Ordinal);
        Assert.Contains($"[PagerDuty] incident {paged.Id} opened", timeline, StringComparison.Ordinal);
        var deploys = scenario.Deployments.Where(d => d.Repository == service.Repository && d.CreatedAt >= scenario.Clock.Now.AddHours(-24)).ToList();
        foreach (var deploy in deploys)
            Assert.Contains($"[GitHub] deployment {deploy.Environment} {deploy.Ref} {deploy.Sha[..7]}", timeline, StringComparison.Ordinal);

        var slugs = scenario.RunbookFiles.Select(Path.GetFileNameWithoutExtension).OfType<string>().ToList();
        var found = new List<string>();
        foreach (var alert in scenario.GroundTruth.Alerts.Select(a => a.Id).Distinct(StringComparer.Ordinal))
        {
            var answer = await client.CallToolAsync("runbook_lookup", new Dictionary<string, object?> { ["alert"] = alert }, cancellationToken: ct);
            if (answer.IsError != true && slugs.FirstOrDefault(slug => answer.Text().Contains($"/{slug}", StringComparison.Ordinal)) is { } slug)
                found.Add($"{alert} → {slug}");
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', found));
        Assert.NotEmpty(found);
    }
}
