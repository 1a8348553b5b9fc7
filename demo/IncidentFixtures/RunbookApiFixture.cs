using System.Text.Json.Nodes;
using SreSuite.Scenarios;

namespace SreSuite.IncidentFixtures;

/// <summary>
/// An internal runbook HTTP API (IncidentTools' contract: <c>GET /api/runbooks?alert=&amp;service=</c>) serving the
/// scenario's <c>runbook-api/</c> runbooks (none when it has no such folder), behind a bearer token.
/// </summary>
public sealed class RunbookApiFixture(Scenario scenario, string? token = null)
{
    public const string Prefix = "/runbook-api";

    public string Token { get; } = token ?? "rb-fixture-" + Guid.NewGuid().ToString("N")[..12];

    public void Map(IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(Prefix + "/api");
        api.MapGet("/health", () => Results.Text(new JsonObject { ["runbooks"] = scenario.RunbookApi.Count }.ToJsonString(), "application/json"));
        api.MapGet("/runbooks", (string? alert, string? service) =>
        {
            var found = scenario.RunbookApi.Where(r =>
                (alert is null || r.Alerts.Contains(alert, StringComparer.OrdinalIgnoreCase))
                && (service is null || r.Service == service));
            return Results.Text(new JsonObject
            {
                ["runbooks"] = new JsonArray([.. found.Select(r => (JsonNode)new JsonObject
                {
                    ["slug"] = r.Slug,
                    ["title"] = r.Title,
                    ["service"] = r.Service,
                    ["alerts"] = new JsonArray([.. r.Alerts.Select(a => (JsonNode)a)]),
                    ["url"] = $"https://runbooks.internal.example.com/{Uri.EscapeDataString(r.Service)}/{Uri.EscapeDataString(r.Slug)}",
                    ["markdown"] = r.Markdown,
                })]),
            }.ToJsonString(), "application/json");
        });
    }

    public IResult? Gate(HttpRequest request) =>
        request.Headers.Authorization.ToString() == $"Bearer {Token}"
            ? null
            : Results.Text("{\"error\":\"invalid bearer token\"}", "application/json", statusCode: 401);
}
