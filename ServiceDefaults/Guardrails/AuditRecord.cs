using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// One <c>tools/call</c> or <c>resources/read</c> (accepted or refused), or one refused request whose method could not
/// be read (<c>event: unreadable</c>), as the audit trail records it. Field names are stable: SIEM rules depend on them.
/// </summary>
public sealed record AuditRecord
{
    [JsonPropertyName("timestamp")]
    public required DateTimeOffset Timestamp { get; init; }

    [JsonPropertyName("event")]
    public string Event { get; init; } = "tools/call";

    [JsonPropertyName("server")]
    public required string Server { get; init; }

    /// <summary>The tool called; absent on <c>resources/read</c> and unreadable records.</summary>
    [JsonPropertyName("tool")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Tool { get; init; }

    /// <summary>The resource URI read by a <c>resources/read</c>.</summary>
    [JsonPropertyName("resource")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Resource { get; init; }

    /// <summary>
    /// The cluster context or data source a tool call touched, e.g. <c>context production</c> or
    /// <c>prometheus staging; alertmanager staging</c>; absent on servers with no such choice.
    /// </summary>
    [JsonPropertyName("backend")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Backend { get; init; }

    [JsonPropertyName("caller")]
    public required AuditCaller Caller { get; init; }

    [JsonPropertyName("session_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SessionId { get; init; }

    [JsonPropertyName("request_id")]
    public string? RequestId { get; init; }

    [JsonPropertyName("arguments")]
    public JsonObject? Arguments { get; init; }

    [JsonPropertyName("outcome")]
    public required string Outcome { get; init; }

    [JsonPropertyName("detail")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Detail { get; init; }

    [JsonPropertyName("duration_ms")]
    public double DurationMs { get; init; }

    [JsonPropertyName("answer_bytes")]
    public int AnswerBytes { get; init; }

    [JsonPropertyName("trace_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceId { get; init; }
}

/// <summary>Who called: the token's subject and client when authenticated, <c>local</c> over stdio, <c>anonymous</c> otherwise.</summary>
public sealed record AuditCaller
{
    [JsonPropertyName("subject")]
    public required string Subject { get; init; }

    [JsonPropertyName("client")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Client { get; init; }

    [JsonPropertyName("transport")]
    public required string Transport { get; init; }

    [JsonPropertyName("address")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Address { get; init; }
}

[JsonSerializable(typeof(AuditRecord))]
[JsonSourceGenerationOptions(WriteIndented = false)]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
