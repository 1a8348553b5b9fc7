using System.Text.Json;
using System.Text.Json.Serialization;

namespace SreSuite.ObservabilityTools.Prometheus;

/// <summary>The envelope of every Prometheus HTTP API answer (<c>/api/v1/*</c>).</summary>
public sealed record PrometheusResponse<T>(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("data")] T? Data,
    [property: JsonPropertyName("errorType")] string? ErrorType,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("warnings")] IReadOnlyList<string>? Warnings,
    [property: JsonPropertyName("infos")] IReadOnlyList<string>? Infos);

/// <summary>The envelope of an error answer, whatever its data.</summary>
public sealed record PrometheusError(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("errorType")] string? ErrorType,
    [property: JsonPropertyName("error")] string? Error);

/// <summary><c>/api/v1/status/buildinfo</c>.</summary>
public sealed record PrometheusBuildInfo([property: JsonPropertyName("version")] string Version);

/// <summary>
/// The data of <c>/api/v1/query</c> and <c>/api/v1/query_range</c>: <c>resultType</c> says which of the
/// results is set.
/// </summary>
[JsonConverter(typeof(QueryDataConverter))]
public sealed class QueryData
{
    public string ResultType { get; init; } = string.Empty;

    public IReadOnlyList<MatrixSeries>? Matrix { get; init; }

    public IReadOnlyList<VectorSample>? Vector { get; init; }

    public Sample? Scalar { get; init; }

    public StringSample? Text { get; init; }
}

/// <summary>One series of a matrix: its labels and <c>[unix seconds, "value"]</c> points.</summary>
public sealed record MatrixSeries(
    [property: JsonPropertyName("metric")] IReadOnlyDictionary<string, string> Metric,
    [property: JsonPropertyName("values")] IReadOnlyList<Sample>? Values,
    [property: JsonPropertyName("histograms")] JsonElement? Histograms);

/// <summary>One element of an instant vector: a float <c>value</c> or a native <c>histogram</c>.</summary>
public sealed record VectorSample(
    [property: JsonPropertyName("metric")] IReadOnlyDictionary<string, string> Metric,
    [property: JsonPropertyName("value")] Sample? Value,
    [property: JsonPropertyName("histogram")] HistogramSample? Histogram);

/// <summary>A <c>[unix seconds, "value"]</c> pair; the value is a string so NaN and ±Inf survive JSON.</summary>
[JsonConverter(typeof(SampleConverter))]
public readonly record struct Sample(double Timestamp, double Value);

/// <summary>A <c>[unix seconds, "text"]</c> string result.</summary>
[JsonConverter(typeof(StringSampleConverter))]
public readonly record struct StringSample(double Timestamp, string Text);

/// <summary>A <c>[unix seconds, {count, sum, buckets}]</c> native histogram sample.</summary>
[JsonConverter(typeof(HistogramSampleConverter))]
public readonly record struct HistogramSample(double Timestamp, NativeHistogram Histogram);

public sealed record NativeHistogram(
    [property: JsonPropertyName("count")] string? Count,
    [property: JsonPropertyName("sum")] string? Sum);

/// <summary><c>/api/v1/metadata</c>: per metric name, the metadata its targets expose.</summary>
public sealed record MetricMetadata(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("help")] string? Help,
    [property: JsonPropertyName("unit")] string? Unit);

/// <summary><c>/api/v1/alerts</c>.</summary>
public sealed record AlertList([property: JsonPropertyName("alerts")] IReadOnlyList<PrometheusAlert> Alerts);

public sealed record PrometheusAlert(
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string>? Labels,
    [property: JsonPropertyName("annotations")] IReadOnlyDictionary<string, string>? Annotations,
    [property: JsonPropertyName("state")] string? State,
    [property: JsonPropertyName("activeAt")] DateTimeOffset? ActiveAt,
    [property: JsonPropertyName("value"), JsonConverter(typeof(NumberOrStringConverter))] string? Value);

/// <summary><c>/api/v1/rules</c>.</summary>
public sealed record RuleDiscovery([property: JsonPropertyName("groups")] IReadOnlyList<RuleGroup> Groups);

public sealed record RuleGroup(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("rules")] IReadOnlyList<PrometheusRule> Rules);

public sealed record PrometheusRule(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("query")] string? Query,
    [property: JsonPropertyName("state")] string? State,
    [property: JsonPropertyName("health")] string? Health,
    [property: JsonPropertyName("lastError")] string? LastError,
    [property: JsonPropertyName("duration")] double? Duration,
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string>? Labels,
    [property: JsonPropertyName("alerts")] IReadOnlyList<PrometheusAlert>? Alerts);

/// <summary><c>/api/v1/targets</c>.</summary>
public sealed record TargetDiscovery([property: JsonPropertyName("activeTargets")] IReadOnlyList<ScrapeTarget> ActiveTargets);

public sealed record ScrapeTarget(
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string>? Labels,
    [property: JsonPropertyName("scrapePool")] string? ScrapePool,
    [property: JsonPropertyName("scrapeUrl")] string? ScrapeUrl,
    [property: JsonPropertyName("lastError")] string? LastError,
    [property: JsonPropertyName("lastScrape")] DateTimeOffset? LastScrape,
    [property: JsonPropertyName("lastScrapeDuration")] double? LastScrapeDuration,
    [property: JsonPropertyName("health")] string? Health);

[JsonSerializable(typeof(PrometheusResponse<PrometheusBuildInfo>))]
[JsonSerializable(typeof(PrometheusResponse<QueryData>))]
[JsonSerializable(typeof(PrometheusResponse<IReadOnlyList<string>>))]
[JsonSerializable(typeof(PrometheusResponse<IReadOnlyList<IReadOnlyDictionary<string, string>>>))]
[JsonSerializable(typeof(PrometheusResponse<IReadOnlyDictionary<string, IReadOnlyList<MetricMetadata>>>))]
[JsonSerializable(typeof(PrometheusResponse<AlertList>))]
[JsonSerializable(typeof(PrometheusResponse<RuleDiscovery>))]
[JsonSerializable(typeof(PrometheusResponse<TargetDiscovery>))]
[JsonSerializable(typeof(PrometheusError))]
[JsonSerializable(typeof(IReadOnlyList<MatrixSeries>))]
[JsonSerializable(typeof(IReadOnlyList<VectorSample>))]
[JsonSerializable(typeof(NativeHistogram))]
public sealed partial class PrometheusJsonContext : JsonSerializerContext;
