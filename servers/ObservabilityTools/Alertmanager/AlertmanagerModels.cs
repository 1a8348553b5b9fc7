using System.Text.Json.Serialization;

namespace SreSuite.ObservabilityTools.Alertmanager;

/// <summary>
/// <c>GET /api/v2/status</c>. Only the fields read are modelled: the answer also carries the whole
/// Alertmanager configuration, receivers' credentials included, which must never reach a tool answer.
/// </summary>
public sealed record AlertmanagerStatus(
    [property: JsonPropertyName("versionInfo")] AlertmanagerVersionInfo? VersionInfo,
    [property: JsonPropertyName("uptime")] DateTimeOffset? Uptime);

public sealed record AlertmanagerVersionInfo(
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("revision")] string? Revision);

[JsonSerializable(typeof(AlertmanagerStatus))]
internal sealed partial class AlertmanagerJsonContext : JsonSerializerContext;
