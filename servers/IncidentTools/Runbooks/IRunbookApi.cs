using System.Text.Json.Serialization;
using Refit;

namespace SreSuite.IncidentTools.Runbooks;

/// <summary>
/// The internal runbook API contract: <c>GET /api/runbooks?alert=&amp;service=</c> returns the runbooks that
/// claim an alert, each with its Markdown. A team's service implements it (or a thin adapter in front of it).
/// </summary>
public interface IRunbookApi
{
    [Get("/api/runbooks")]
    Task<RunbookApiList> FindAsync([AliasAs("alert")] string? alert, [AliasAs("service")] string? service, CancellationToken cancellationToken);

    [Get("/api/health")]
    Task<RunbookApiHealth> HealthAsync(CancellationToken cancellationToken);
}

public sealed record RunbookApiEntry(
    [property: JsonPropertyName("slug")] string Slug,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("service")] string? Service,
    [property: JsonPropertyName("alerts")] IReadOnlyList<string>? Alerts,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("markdown")] string? Markdown);

public sealed record RunbookApiList([property: JsonPropertyName("runbooks")] IReadOnlyList<RunbookApiEntry> Runbooks);

public sealed record RunbookApiHealth([property: JsonPropertyName("runbooks")] int Runbooks);

[JsonSerializable(typeof(RunbookApiList))]
[JsonSerializable(typeof(RunbookApiHealth))]
internal sealed partial class RunbookApiJsonContext : JsonSerializerContext;
