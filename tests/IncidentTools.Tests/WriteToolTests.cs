
namespace SreSuite.IncidentTools.Tests;

/// <summary>The write tools change only the fixture's memory and record who asked.</summary>
public sealed class WriteToolTests(IncidentServer server) : IClassFixture<IncidentServer>
{
    [Fact]
    public async Task A_note_over_unauthenticated_http_is_recorded_as_anonymous()
    {
        var (text, isError) = await server.CallAsync("incident_add_note", new() { ["incident_id"] = "PINC004", ["note"] = "Backlog draining after the consumer restart." });

        Assert.False(isError, text);
        Assert.StartsWith("note added to incident PINC004 (PagerDuty) at ", text, StringComparison.Ordinal);
        Assert.EndsWith("requested by anonymous.", text, StringComparison.Ordinal);
        Assert.Contains("Backlog draining after the consumer restart.\n— via SreSuite IncidentTools, requested by anonymous", server.Fixture.PagerDuty.NotesOf("PINC004"));
        var post = server.Fixture.Requests.Last(r => r.Method == "POST");
        Assert.Equal("/incidents/PINC004/notes", post.Path);
        Assert.Equal("priya.raman@acme.example", post.Header("From"));
    }

    [Fact]
    public async Task Acknowledging_changes_the_status_and_notes_who_asked()
    {
        var (text, isError) = await server.CallAsync("incident_acknowledge", new() { ["incident_id"] = "PINC002" });

        Assert.False(isError, text);
        Assert.Equal("incident PINC002 (PagerDuty) is now acknowledged; acknowledged for anonymous, recorded in a note", text);
        Assert.Equal("acknowledged", server.Fixture.PagerDuty.StatusOf("PINC002"));
        Assert.Contains("Acknowledged via SreSuite IncidentTools, requested by anonymous.", server.Fixture.PagerDuty.NotesOf("PINC002"));
        var put = server.Fixture.Requests.Last(r => r.Method == "PUT");
        Assert.Equal("{\"incident\":{\"type\":\"incident_reference\",\"status\":\"acknowledged\"}}", put.Body);
    }

    [Fact]
    public async Task Writes_to_an_unknown_incident_fail_clearly()
    {
        var (text, isError) = await server.CallAsync("incident_add_note", new() { ["incident_id"] = "PNOPE99", ["note"] = "x" });

        Assert.True(isError);
        Assert.StartsWith("PagerDuty answered 404 Not Found for a note on incident 'PNOPE99'", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_note_over_stdio_is_recorded_as_local()
    {
        var ct = TestContext.Current.CancellationToken;
        var environment = server.Fixture.ServerEnvironment.ToDictionary();
        environment["Guardrails__EnableWriteTools"] = "incident_add_note";
        await using var client = await McpClients.ConnectStdioAsync("IncidentTools", ct, environment: environment);

        var result = await client.CallToolAsync("incident_add_note", new Dictionary<string, object?> { ["incident_id"] = PaymentsStory.IncidentId, ["note"] = "Rolling back now." }, cancellationToken: ct);

        Assert.NotEqual(true, result.IsError);
        Assert.EndsWith("requested by local.", result.Text(), StringComparison.Ordinal);
        Assert.Contains("Rolling back now.\n— via SreSuite IncidentTools, requested by local", server.Fixture.PagerDuty.NotesOf(PaymentsStory.IncidentId));
    }
}
