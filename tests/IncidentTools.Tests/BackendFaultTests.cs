using SreSuite.IncidentFixtures;

namespace SreSuite.IncidentTools.Tests;

/// <summary>
/// Each upstream failure becomes a clear isError that says what happened and what to do, and the server keeps
/// answering once the upstream recovers.
/// </summary>
public sealed class BackendFaultTests(FaultyIncidentServer server) : IClassFixture<FaultyIncidentServer>
{
    public static TheoryData<FixtureFault, string> PagerDutyFaults => new()
    {
        { FixtureFault.Unauthorized, "PagerDuty refused the token (401 Unauthorized). Check PAGERDUTY_TOKEN" },
        { FixtureFault.RateLimited, "PagerDuty rate limit reached (429) while reading the incident list; retry after 37 s." },
        { FixtureFault.NotFound, "PagerDuty answered 404 Not Found for the incident list: check the id" },
        { FixtureFault.ServerError, "PagerDuty failed on the incident list (502 Bad Gateway); it may be having an outage. Retry in a minute." },
        { FixtureFault.Slow, "PagerDuty did not answer the incident list within 2 s" },
    };

    public static TheoryData<FixtureFault, string> GitHubFaults => new()
    {
        { FixtureFault.Unauthorized, "GitHub refused the token (401 Unauthorized). Check GITHUB_TOKEN" },
        { FixtureFault.RateLimited, "GitHub rate limit exhausted (0 of 5000 requests left) while reading the deployments of acme/payments-api; it resets at " },
        { FixtureFault.NotFound, "GitHub answered 404 Not Found for the deployments of acme/payments-api: check the repository" },
        { FixtureFault.ServerError, "GitHub failed on the deployments of acme/payments-api (502 BadGateway); it may be having an outage." },
        { FixtureFault.Slow, "GitHub did not answer the deployments of acme/payments-api within 2 s" },
    };

    [Theory]
    [MemberData(nameof(PagerDutyFaults))]
    public async Task PagerDuty_failures_are_clear_errors_and_the_server_recovers(FixtureFault fault, string expected)
    {
        server.Fixture.PagerDuty.Fault = fault;
        var (text, isError) = await server.CallAsync("incident_list");
        server.Fixture.PagerDuty.Fault = FixtureFault.None;
        var (after, afterIsError) = await server.CallAsync("incident_list");

        Assert.True(isError, text);
        Assert.StartsWith(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Fixture.PagerDuty.Token, text, StringComparison.Ordinal);
        Assert.False(afterIsError, after);
        Assert.StartsWith("3 open incidents", after, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(GitHubFaults))]
    public async Task GitHub_failures_are_clear_errors_and_the_server_recovers(FixtureFault fault, string expected)
    {
        server.Fixture.GitHub.Fault = fault;
        var (text, isError) = await server.CallAsync("deploys_recent", new() { ["service"] = "payments-api" });
        server.Fixture.GitHub.Fault = FixtureFault.None;
        var (after, afterIsError) = await server.CallAsync("deploys_recent", new() { ["service"] = "payments-api" });

        Assert.True(isError, text);
        Assert.StartsWith(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Fixture.GitHub.Token, text, StringComparison.Ordinal);
        Assert.False(afterIsError, after);
        Assert.StartsWith("acme/payments-api since ", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_that_meets_a_5xx_is_sent_once_never_retried()
    {
        server.Fixture.ClearRequests();
        server.Fixture.PagerDuty.Fault = FixtureFault.ServerError;
        var (text, isError) = await server.CallAsync("incident_add_note", new() { ["incident_id"] = "PINC004", ["note"] = "Consumer restarted." });
        server.Fixture.PagerDuty.Fault = FixtureFault.None;

        Assert.True(isError);
        Assert.StartsWith("PagerDuty failed on a note on incident 'PINC004' (502 Bad Gateway)", text, StringComparison.Ordinal);
        Assert.Single(server.Fixture.Requests, r => r.Method == "POST");
        Assert.DoesNotContain("Consumer restarted.\n— via SreSuite IncidentTools, requested by anonymous", server.Fixture.PagerDuty.NotesOf("PINC004"));
    }

    [Fact]
    public async Task A_timeline_with_github_down_still_shows_the_incident_and_says_what_is_missing()
    {
        server.Fixture.GitHub.Fault = FixtureFault.ServerError;
        var (text, isError) = await server.CallAsync("incident_timeline", new() { ["incident_id"] = PaymentsStory.IncidentId });
        server.Fixture.GitHub.Fault = FixtureFault.None;

        Assert.False(isError, text);
        Assert.Contains("[PagerDuty] incident PINC001 trigger", text, StringComparison.Ordinal);
        Assert.Contains("deploys not included: GitHub failed on the deployments of acme/payments-api (502", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_names_an_unreachable_backend_without_failing()
    {
        server.Fixture.PagerDuty.Fault = FixtureFault.Unauthorized;
        var (text, isError) = await server.CallAsync("incident_status");
        server.Fixture.PagerDuty.Fault = FixtureFault.None;

        Assert.False(isError, text);
        Assert.Contains("incidents: PagerDuty at ", text, StringComparison.Ordinal);
        Assert.Contains("unreachable (PagerDuty refused the token (401 Unauthorized).", text, StringComparison.Ordinal);
    }
}
