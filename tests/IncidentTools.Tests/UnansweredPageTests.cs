using SreSuite.IncidentTools.Incidents;

namespace SreSuite.IncidentTools.Tests;

/// <summary>A triggered incident's status says how long it has gone unanswered and how often it escalated, only when true.</summary>
public sealed class UnansweredPageTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Created = Now.AddHours(-3).AddMinutes(-1);

    private static IncidentDetail Incident(string status, IReadOnlyList<IncidentEvent> timeline, bool more = false, IReadOnlyList<string>? acknowledgers = null) => new(
        new IncidentSummary("PINC001", "1", "PaymentsApiHighErrorRate", status, "high", "PSVC001", "payments-api", Created, null, ["Priya Raman"], null),
        "team-payments escalation", acknowledgers ?? [], 1, [], timeline, more, more ? null : timeline.Count, []);

    private static List<IncidentEvent> Log(params string[] kinds) =>
        [.. kinds.Select((kind, i) => new IncidentEvent(Created.AddMinutes(i), kind, kind))];

    [Fact]
    public void A_triggered_incident_never_acknowledged_says_for_how_long_and_how_often_it_escalated()
    {
        var log = Log(["trigger", "assign", "notify", "escalate", "notify", "escalate", "notify", "escalate"]);

        Assert.Equal("not acknowledged after 3h1m; escalated 3 times", UnansweredPage.Describe(Incident("triggered", log), Now));
    }

    [Fact]
    public void A_page_that_never_escalated_says_only_how_long_it_has_waited()
    {
        Assert.Equal("not acknowledged after 3h1m", UnansweredPage.Describe(Incident("triggered", Log("trigger", "notify")), Now));
        Assert.Equal("not acknowledged after 3h1m; escalated once", UnansweredPage.Describe(Incident("triggered", Log("trigger", "escalate")), Now));
    }

    [Fact]
    public void An_acknowledgement_that_timed_out_back_to_triggered_is_not_called_unacknowledged()
    {
        var log = Log("trigger", "acknowledge", "unacknowledge", "escalate", "escalate");

        Assert.Equal("escalated 2 times", UnansweredPage.Describe(Incident("triggered", log), Now));
        Assert.Null(UnansweredPage.Describe(Incident("triggered", Log("trigger"), acknowledgers: ["Priya Raman"]), Now));
    }

    [Fact]
    public void When_only_the_newest_log_entries_were_read_nothing_is_claimed_about_the_rest()
    {
        var newest = Log("notify", "escalate", "notify", "escalate");

        Assert.Equal("escalated at least 2 times", UnansweredPage.Describe(Incident("triggered", newest, more: true), Now));
        Assert.Null(UnansweredPage.Describe(Incident("triggered", Log("notify", "notify"), more: true), Now));
    }

    [Theory]
    [InlineData("acknowledged")]
    [InlineData("resolved")]
    public void An_incident_that_is_not_triggered_adds_nothing(string status)
    {
        Assert.Null(UnansweredPage.Describe(Incident(status, Log("trigger", "escalate", "escalate")), Now));
    }
}
