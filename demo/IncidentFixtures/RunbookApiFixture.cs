using System.Text.Json.Nodes;

namespace SreSuite.IncidentFixtures;

/// <summary>
/// An internal runbook HTTP API (IncidentTools' contract: <c>GET /api/runbooks?alert=&amp;service=</c>) serving
/// runbooks that exist only in that service, behind a bearer token.
/// </summary>
public sealed class RunbookApiFixture(string? token = null)
{
    public const string Prefix = "/runbook-api";

    private static readonly (string Slug, string Title, string Service, string[] Alerts, string Markdown)[] Runbooks =
    [
        ("ledger-replication-lag", "Ledger replica lag above 30 s", "ledger-service", ["LedgerReplicationLag"],
            """
            ---
            severity: warning
            owner: team-ledger
            tags: [postgres, replication]
            ---
            # Ledger replica lag above 30 s

            Read replicas of the ledger database are behind the primary; balance reads may be stale.

            ## Diagnose

            1. Compare `pg_last_xact_replay_timestamp()` on each replica with the primary's clock.
            2. Look for long-running queries on the replica that block WAL replay.

            ## Mitigate

            - Cancel the blocking query, or route balance reads to the primary until the lag recovers.
            """),
        ("fraud-scoring-timeouts", "Fraud scoring timeouts", "fraud-scoring", ["FraudScoringTimeouts"],
            "# Fraud scoring timeouts\n\nThe scoring model answers slower than the 300 ms budget.\n\n## Mitigate\n\n- Fail open for carts under 50 EUR.\n"),
    ];

    public string Token { get; } = token ?? "rb-fixture-" + Guid.NewGuid().ToString("N")[..12];

    public void Map(IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(Prefix + "/api");
        api.MapGet("/health", () => Results.Text(new JsonObject { ["runbooks"] = Runbooks.Length }.ToJsonString(), "application/json"));
        api.MapGet("/runbooks", (string? alert, string? service) =>
        {
            var found = Runbooks.Where(r =>
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
                    ["url"] = $"https://runbooks.internal.example.com/{r.Service}/{r.Slug}",
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
