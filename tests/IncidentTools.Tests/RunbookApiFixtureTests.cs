using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SreSuite.IncidentFixtures;
using SreSuite.Scenarios;

namespace SreSuite.IncidentTools.Tests;

/// <summary>The runbook API stand-in serves the scenario's <c>runbook-api/</c> folder, and an empty list without one.</summary>
public sealed class RunbookApiFixtureTests
{
    [Theory]
    [InlineData("payments-deploy-crashloop", "?alert=ledgerreplicationlag", "ledger-replication-lag")]
    [InlineData("payments-deploy-crashloop", "?service=fraud-scoring", "fraud-scoring-timeouts")]
    [InlineData("payments-deploy-crashloop", "", "fraud-scoring-timeouts,ledger-replication-lag")]
    [InlineData("payments-deploy-crashloop", "?alert=KubePodCrashLooping", "")]
    [InlineData("cart-oom-kill", "", "")]
    public async Task Runbooks_come_from_the_scenario(string name, string query, string slugs)
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = ScenarioCatalog.Load(name, DateTimeOffset.UtcNow);
        await using var fixture = await IncidentFixture.StartAsync(scenario: scenario, cancellationToken: ct);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.RunbookApi.Token);

        var found = JsonNode.Parse(await http.GetStringAsync(new Uri(fixture.RunbookApiUrl + "/api/runbooks" + query), ct))!["runbooks"]!.AsArray();
        var health = JsonNode.Parse(await http.GetStringAsync(new Uri(fixture.RunbookApiUrl + "/api/health"), ct))!;

        Assert.Equal(slugs, string.Join(',', found.Select(r => r!["slug"]!.GetValue<string>())));
        Assert.Equal(scenario.RunbookApi.Count, health["runbooks"]!.GetValue<int>());
        Assert.All(found, r => Assert.Equal($"https://runbooks.internal.example.com/{r!["service"]}/{r["slug"]}", r["url"]!.GetValue<string>()));
    }
}
