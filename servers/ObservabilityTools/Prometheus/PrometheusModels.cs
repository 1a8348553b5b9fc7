using System.Text.Json.Serialization;

namespace SreSuite.ObservabilityTools.Prometheus;

/// <summary>The envelope of every Prometheus HTTP API answer (<c>/api/v1/*</c>).</summary>
public sealed record PrometheusResponse<T>(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("data")] T? Data,
    [property: JsonPropertyName("errorType")] string? ErrorType,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("warnings")] IReadOnlyList<string>? Warnings);

/// <summary><c>/api/v1/status/buildinfo</c>.</summary>
public sealed record PrometheusBuildInfo(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("revision")] string? Revision);

[JsonSerializable(typeof(PrometheusResponse<PrometheusBuildInfo>))]
internal sealed partial class PrometheusJsonContext : JsonSerializerContext;
