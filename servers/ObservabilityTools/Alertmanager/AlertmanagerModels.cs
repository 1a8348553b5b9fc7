using System.Text.Json.Serialization;

namespace SreSuite.ObservabilityTools.Alertmanager;

/// <summary>
/// <c>GET /api/v2/status</c>. Only the fields read are modelled: the answer also carries the whole
/// Alertmanager configuration, receivers' credentials included, which must never reach a tool answer.
/// </summary>
public sealed record AlertmanagerStatus([property: JsonPropertyName("versionInfo")] AlertmanagerVersionInfo? VersionInfo);

public sealed record AlertmanagerVersionInfo([property: JsonPropertyName("version")] string? Version);

/// <summary><c>alertGroup</c> of <c>GET /api/v2/alerts/groups</c>: alerts grouped by the route's <c>group_by</c> labels.</summary>
public sealed record AlertGroup(
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string>? Labels,
    [property: JsonPropertyName("receiver")] ReceiverReference? Receiver,
    [property: JsonPropertyName("alerts")] IReadOnlyList<GettableAlert>? Alerts);

public sealed record ReceiverReference([property: JsonPropertyName("name")] string? Name);

/// <summary><c>gettableAlert</c>.</summary>
public sealed record GettableAlert(
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string>? Labels,
    [property: JsonPropertyName("annotations")] IReadOnlyDictionary<string, string>? Annotations,
    [property: JsonPropertyName("fingerprint")] string? Fingerprint,
    [property: JsonPropertyName("startsAt")] DateTimeOffset? StartsAt,
    [property: JsonPropertyName("endsAt")] DateTimeOffset? EndsAt,
    [property: JsonPropertyName("status")] AlertStatus? Status);

/// <summary><c>alertStatus</c>: <c>state</c> is unprocessed, active or suppressed.</summary>
public sealed record AlertStatus(
    [property: JsonPropertyName("state")] string? State,
    [property: JsonPropertyName("silencedBy")] IReadOnlyList<string>? SilencedBy,
    [property: JsonPropertyName("inhibitedBy")] IReadOnlyList<string>? InhibitedBy);

/// <summary><c>matcher</c>. <c>isEqual</c> is absent before Alertmanager 0.22 and means true then.</summary>
public sealed record SilenceMatcher(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("isRegex")] bool IsRegex,
    [property: JsonPropertyName("isEqual")] bool? IsEqual);

/// <summary><c>gettableSilence</c>.</summary>
public sealed record GettableSilence(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] SilenceStatus? Status,
    [property: JsonPropertyName("matchers")] IReadOnlyList<SilenceMatcher>? Matchers,
    [property: JsonPropertyName("startsAt")] DateTimeOffset? StartsAt,
    [property: JsonPropertyName("endsAt")] DateTimeOffset? EndsAt,
    [property: JsonPropertyName("updatedAt")] DateTimeOffset? UpdatedAt,
    [property: JsonPropertyName("createdBy")] string? CreatedBy,
    [property: JsonPropertyName("comment")] string? Comment);

/// <summary><c>silenceStatus</c>: expired, active or pending.</summary>
public sealed record SilenceStatus([property: JsonPropertyName("state")] string? State);

/// <summary><c>postableSilence</c> without an id: always a new silence, never an update of another.</summary>
public sealed record PostableSilence(
    [property: JsonPropertyName("matchers")] IReadOnlyList<SilenceMatcher> Matchers,
    [property: JsonPropertyName("startsAt")] DateTimeOffset StartsAt,
    [property: JsonPropertyName("endsAt")] DateTimeOffset EndsAt,
    [property: JsonPropertyName("createdBy")] string CreatedBy,
    [property: JsonPropertyName("comment")] string Comment);

/// <summary>The answer of <c>POST /api/v2/silences</c>.</summary>
public sealed record SilenceCreated([property: JsonPropertyName("silenceID")] string? SilenceId);

[JsonSerializable(typeof(AlertmanagerStatus))]
[JsonSerializable(typeof(IReadOnlyList<AlertGroup>))]
[JsonSerializable(typeof(IReadOnlyList<GettableAlert>))]
[JsonSerializable(typeof(IReadOnlyList<GettableSilence>))]
[JsonSerializable(typeof(GettableSilence))]
[JsonSerializable(typeof(PostableSilence))]
[JsonSerializable(typeof(SilenceCreated))]
[JsonSerializable(typeof(string))]
internal sealed partial class AlertmanagerJsonContext : JsonSerializerContext;
