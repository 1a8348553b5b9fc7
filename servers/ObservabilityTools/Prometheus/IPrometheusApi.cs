using Refit;

namespace SreSuite.ObservabilityTools.Prometheus;

/// <summary>
/// The Prometheus HTTP API (docs/querying/api.md in prometheus/prometheus). Times are unix seconds; parameters
/// left null are not sent. Thanos and Mimir serve the same API.
/// </summary>
public interface IPrometheusApi
{
    [Get("/api/v1/status/buildinfo")]
    Task<PrometheusResponse<PrometheusBuildInfo>> GetBuildInfoAsync(CancellationToken cancellationToken);

    [Get("/api/v1/query")]
    Task<PrometheusResponse<QueryData>> QueryAsync(string query, string? time, CancellationToken cancellationToken);

    /// <param name="limit">Series cap, honoured by Prometheus 2.54 and later and ignored before.</param>
    [Get("/api/v1/query_range")]
    Task<PrometheusResponse<QueryData>> QueryRangeAsync(string query, [AliasAs("start")] string from, [AliasAs("end")] string until, [AliasAs("step")] string resolution, int? limit, CancellationToken cancellationToken);

    [Get("/api/v1/series")]
    Task<PrometheusResponse<IReadOnlyList<IReadOnlyDictionary<string, string>>>> SeriesAsync(
        [Query(CollectionFormat.Multi), AliasAs("match[]")] IEnumerable<string> match, [AliasAs("start")] string? from, [AliasAs("end")] string? until, int? limit, CancellationToken cancellationToken);

    [Get("/api/v1/label/{name}/values")]
    Task<PrometheusResponse<IReadOnlyList<string>>> LabelValuesAsync(
        string name, [Query(CollectionFormat.Multi), AliasAs("match[]")] IEnumerable<string>? match, [AliasAs("start")] string? from, [AliasAs("end")] string? until, int? limit, CancellationToken cancellationToken);

    [Get("/api/v1/metadata")]
    Task<PrometheusResponse<IReadOnlyDictionary<string, IReadOnlyList<MetricMetadata>>>> MetadataAsync(
        string? metric, [AliasAs("limit_per_metric")] int? limitPerMetric, CancellationToken cancellationToken);

    [Get("/api/v1/alerts")]
    Task<PrometheusResponse<AlertList>> AlertsAsync(CancellationToken cancellationToken);

    [Get("/api/v1/rules")]
    Task<PrometheusResponse<RuleDiscovery>> RulesAsync(string? type, CancellationToken cancellationToken);

    [Get("/api/v1/targets")]
    Task<PrometheusResponse<TargetDiscovery>> TargetsAsync(string? state, CancellationToken cancellationToken);
}
