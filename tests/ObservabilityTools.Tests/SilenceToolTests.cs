using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SreSuite.ObservabilityTools.Tests;

/// <summary>am_create_silence and am_expire_silence against the real Alertmanager, checked through its own API.</summary>
public sealed partial class SilenceToolTests(RealMonitoring stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IReadOnlyDictionary<string, string?> WriteEnabled => stack.With(("Guardrails__EnableWriteTools", "am_create_silence,am_expire_silence"));

    [Fact]
    public async Task A_silence_is_created_by_the_anonymous_http_caller_and_then_expired_once()
    {
        var test = await PostTestAlertAsync();
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", WriteEnabled, Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct, "2026-07-28");

        var created = await client.CallAsync("am_create_silence",
            ("matchers", $"alertname=\"SreSuiteSilenceTest\", test=\"{test}\""), ("duration", "30m"), ("comment", "INC-4711: testing silences"));

        Assert.False(created.IsError, created.Text);
        var id = SilenceId().Match(created.Text).Value;
        Assert.StartsWith($"created silence {id} for {{alertname=\"SreSuiteSilenceTest\",test=\"{test}\"}} from ", created.Text, StringComparison.Ordinal);
        Assert.Contains(" (30m), created by anonymous\nit matches 1 alert now: SreSuiteSilenceTest x1\n", created.Text, StringComparison.Ordinal);
        Assert.EndsWith($"undo with am_expire_silence silence_id={id}", created.Text, StringComparison.Ordinal);
        var silence = await GetSilenceAsync(id);
        Assert.Equal("anonymous", silence["createdBy"]!.GetValue<string>());
        Assert.Equal("INC-4711: testing silences", silence["comment"]!.GetValue<string>());
        Assert.Equal("active", silence["status"]!["state"]!.GetValue<string>());
        var length = silence["endsAt"]!.GetValue<DateTimeOffset>() - silence["startsAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(length, TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(30));

        var expired = await client.CallAsync("am_expire_silence", ("silence_id", id));
        var again = await client.CallAsync("am_expire_silence", ("silence_id", id));

        Assert.StartsWith($"expired silence {id} (was active); the alerts it matched notify again:", expired.Text, StringComparison.Ordinal);
        Assert.Equal("expired", (await GetSilenceAsync(id))["status"]!["state"]!.GetValue<string>());
        Assert.False(again.IsError, again.Text);
        Assert.StartsWith($"silence {id} had already expired; nothing changed.", again.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_stdio_the_creator_is_the_local_user()
    {
        var test = await PostTestAlertAsync();
        await using var client = await McpClients.ConnectStdioAsync("ObservabilityTools", Ct, environment: WriteEnabled.ToDictionary());

        var created = await client.CallAsync("am_create_silence", ("matchers", $"test=\"{test}\""), ("duration", "5m"), ("comment", "stdio check"));

        Assert.Contains("created by local", created.Text, StringComparison.Ordinal);
        var id = SilenceId().Match(created.Text).Value;
        Assert.Equal("local", (await GetSilenceAsync(id))["createdBy"]!.GetValue<string>());
        await client.CallAsync("am_expire_silence", ("silence_id", id));
    }

    [Theory]
    [InlineData("alertname=~\".*\"", "2h", "x", "matchers: needs at least one equality matcher with a value")]
    [InlineData("alertname=\"X\"", "30m", "   ", "comment: is required")]
    [InlineData("alertname=\"X\"", "soon", "x", "duration: 'soon' is not a duration")]
    [InlineData("alertname=\"X\"", "2h", "x", "duration: 2h is longer than this server allows (1h, set by Alertmanager__MaxSilenceDuration)")]
    public async Task Unsafe_or_incomplete_silences_are_refused_before_reaching_alertmanager(string matchers, string duration, string comment, string expected)
    {
        await using var server = await ServerProcess.StartAsync("ObservabilityTools",
            stack.With(("Guardrails__EnableWriteTools", "am_create_silence"), ("Alertmanager__MaxSilenceDuration", "1h")), Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct, "2026-07-28");

        var answer = await client.CallAsync("am_create_silence", ("matchers", matchers), ("duration", duration), ("comment", comment));

        Assert.True(answer.IsError);
        Assert.StartsWith(expected, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expiring_an_unknown_silence_says_how_to_find_one()
    {
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", WriteEnabled, Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct, "2026-07-28");

        var unknown = await client.CallAsync("am_expire_silence", ("silence_id", "0b9f6c3e-1111-4222-8333-944455556666"));
        var malformed = await client.CallAsync("am_expire_silence", ("silence_id", "not-a-silence-id-at-all-000000000000"));

        Assert.True(unknown.IsError);
        Assert.Equal("Alertmanager has no silence 0b9f6c3e-1111-4222-8333-944455556666; list silences with am_silences state=all.", unknown.Text);
        Assert.True(malformed.IsError);
        // The schema's pattern refuses it before the tool runs, naming the argument.
        Assert.Contains("- silence_id: must match", malformed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_create_is_not_retried_so_a_lost_answer_cannot_create_a_second_silence()
    {
        await using var gateway = new AuthenticatingProxy(stack.AlertmanagerUrl, "t", "tenant", failWrites: true);
        var environment = stack.With(("Guardrails__EnableWriteTools", "am_create_silence"), ("ALERTMANAGER_URL", gateway.Url.ToString()),
            ("ALERTMANAGER_TOKEN", "t"), ("Alertmanager__TenantId", "tenant"));
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", environment, Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct, "2026-07-28");

        var answer = await client.CallAsync("am_create_silence", ("matchers", "alertname=\"X\""), ("duration", "5m"), ("comment", "retry check"));

        Assert.True(answer.IsError);
        Assert.StartsWith("Alertmanager answered HTTP 503 (overloaded)", answer.Text, StringComparison.Ordinal);
        Assert.Single(gateway.Requests, headers => headers[":method"] == "POST");
    }

    [Fact]
    public Task A_maximum_silence_that_is_not_a_duration_stops_the_server_naming_it() =>
        StartupAssertions.RefusesToStartNamingAsync("ObservabilityTools", "Alertmanager__MaxSilenceDuration",
            stack.With(("Alertmanager__MaxSilenceDuration", "forever")));

    /// <summary>Posts an alert only this test matches, so silencing it changes nothing other tests read.</summary>
    private async Task<string> PostTestAlertAsync()
    {
        var test = Guid.NewGuid().ToString("N");
        using var http = new HttpClient { BaseAddress = stack.AlertmanagerUrl };
        var alerts = new JsonArray
        {
            new JsonObject
            {
                ["labels"] = new JsonObject { ["alertname"] = "SreSuiteSilenceTest", ["test"] = test, ["severity"] = "info" },
                ["endsAt"] = DateTimeOffset.UtcNow.AddHours(1).ToString("O"),
            },
        };
        using var response = await http.PostAsync(new Uri("api/v2/alerts", UriKind.Relative), new StringContent(alerts.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), Ct);
        response.EnsureSuccessStatusCode();
        return test;
    }

    private async Task<JsonNode> GetSilenceAsync(string id)
    {
        using var http = new HttpClient { BaseAddress = stack.AlertmanagerUrl };
        return (await http.GetFromJsonAsync<JsonNode>(new Uri($"api/v2/silence/{id}", UriKind.Relative), Ct))!;
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex SilenceId();
}
