using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace SreSuite.Resilience.Tests;

/// <summary>One check of a server's <c>/health</c> report.</summary>
public sealed record HealthEntry(string Status, string? Description);

/// <summary>A server's <c>/health</c> answer: HTTP status, overall status, each check, and how long it took.</summary>
public sealed record HealthReport(HttpStatusCode Code, string Status, IReadOnlyDictionary<string, HealthEntry> Checks, TimeSpan Took, string Body)
{
    public HealthEntry Check(string name) =>
        Checks.TryGetValue(name, out var entry) ? entry : throw new InvalidOperationException($"/health has no check '{name}': {Body}");
}

/// <summary>Reads <c>/health</c> of a running server.</summary>
public static class HealthEndpoint
{
    // Longer than any backend timeout a server uses, so a slow report is measured rather than cut off.
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(90) };

    public static async Task<HealthReport> GetAsync(ServerProcess server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var clock = Stopwatch.StartNew();
        using var response = await Http.GetAsync(new Uri(server.BaseUrl, "/health"), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        clock.Stop();
        var json = JsonNode.Parse(body)!.AsObject();
        var checks = json["checks"]!.AsObject().ToDictionary(
            check => check.Key,
            check => new HealthEntry(check.Value!["status"]!.GetValue<string>(), check.Value["description"]?.GetValue<string>()));
        return new HealthReport(response.StatusCode, json["status"]!.GetValue<string>(), checks, clock.Elapsed, body);
    }
}
