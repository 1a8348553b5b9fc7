using System.Text.Json.Serialization;

namespace SreSuite.IncidentTools.Incidents.PagerDuty;

// PagerDuty REST API v2 shapes (PagerDuty/api-schema reference/REST/openapiv3.json). Only the fields read are
// modelled; integration keys and contact details are never read.

public sealed record PdReference(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("summary")] string? Summary,
    [property: JsonPropertyName("html_url")] string? HtmlUrl);

public sealed record PdAssignment(
    [property: JsonPropertyName("at")] DateTimeOffset? At,
    [property: JsonPropertyName("assignee")] PdReference? Assignee);

public sealed record PdAcknowledgement(
    [property: JsonPropertyName("at")] DateTimeOffset? At,
    [property: JsonPropertyName("acknowledger")] PdReference? Acknowledger);

public sealed record PdAlertCounts([property: JsonPropertyName("all")] int All);

public sealed record PdIncident(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("incident_number")] long? IncidentNumber,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("summary")] string? Summary,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("urgency")] string? Urgency,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("resolved_at")] DateTimeOffset? ResolvedAt,
    [property: JsonPropertyName("html_url")] string? HtmlUrl,
    [property: JsonPropertyName("service")] PdReference? Service,
    [property: JsonPropertyName("escalation_policy")] PdReference? EscalationPolicy,
    [property: JsonPropertyName("assignments")] IReadOnlyList<PdAssignment>? Assignments,
    [property: JsonPropertyName("acknowledgements")] IReadOnlyList<PdAcknowledgement>? Acknowledgements,
    [property: JsonPropertyName("alert_counts")] PdAlertCounts? AlertCounts);

public sealed record PdIncidentList(
    [property: JsonPropertyName("incidents")] IReadOnlyList<PdIncident> Incidents,
    [property: JsonPropertyName("more")] bool More,
    [property: JsonPropertyName("total")] int? Total);

public sealed record PdIncidentEnvelope([property: JsonPropertyName("incident")] PdIncident Incident);

public sealed record PdLogEntry(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("summary")] string? Summary,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("agent")] PdReference? Agent);

public sealed record PdLogEntryList(
    [property: JsonPropertyName("log_entries")] IReadOnlyList<PdLogEntry> LogEntries,
    [property: JsonPropertyName("more")] bool More,
    [property: JsonPropertyName("total")] int? Total);

public sealed record PdNote(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("user")] PdReference? User,
    [property: JsonPropertyName("content")] string? Content,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt);

public sealed record PdNoteList([property: JsonPropertyName("notes")] IReadOnlyList<PdNote> Notes);

public sealed record PdNoteEnvelope([property: JsonPropertyName("note")] PdNote Note);

public sealed record PdNoteContent([property: JsonPropertyName("content")] string Content);

public sealed record PdNoteRequest([property: JsonPropertyName("note")] PdNoteContent Note);

public sealed record PdIncidentUpdate(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("status")] string Status);

public sealed record PdIncidentUpdateRequest([property: JsonPropertyName("incident")] PdIncidentUpdate Incident);

public sealed record PdAlert(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("summary")] string? Summary,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("severity")] string? Severity,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt);

public sealed record PdAlertList(
    [property: JsonPropertyName("alerts")] IReadOnlyList<PdAlert> Alerts,
    [property: JsonPropertyName("more")] bool More);

public sealed record PdOncall(
    [property: JsonPropertyName("user")] PdReference? User,
    [property: JsonPropertyName("schedule")] PdReference? Schedule,
    [property: JsonPropertyName("escalation_policy")] PdReference? EscalationPolicy,
    [property: JsonPropertyName("escalation_level")] int EscalationLevel,
    [property: JsonPropertyName("start")] DateTimeOffset? Start,
    [property: JsonPropertyName("end")] DateTimeOffset? End);

public sealed record PdOncallList(
    [property: JsonPropertyName("oncalls")] IReadOnlyList<PdOncall> Oncalls,
    [property: JsonPropertyName("more")] bool More);

public sealed record PdService(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("escalation_policy")] PdReference? EscalationPolicy);

public sealed record PdServiceEnvelope([property: JsonPropertyName("service")] PdService Service);

public sealed record PdAbilities([property: JsonPropertyName("abilities")] IReadOnlyList<string> Abilities);

[JsonSerializable(typeof(PdIncidentList))]
[JsonSerializable(typeof(PdIncidentEnvelope))]
[JsonSerializable(typeof(PdLogEntryList))]
[JsonSerializable(typeof(PdNoteList))]
[JsonSerializable(typeof(PdNoteEnvelope))]
[JsonSerializable(typeof(PdNoteRequest))]
[JsonSerializable(typeof(PdIncidentUpdateRequest))]
[JsonSerializable(typeof(PdAlertList))]
[JsonSerializable(typeof(PdOncallList))]
[JsonSerializable(typeof(PdServiceEnvelope))]
[JsonSerializable(typeof(PdAbilities))]
internal sealed partial class PagerDutyJsonContext : JsonSerializerContext;
