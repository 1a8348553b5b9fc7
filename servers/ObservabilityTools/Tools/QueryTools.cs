using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using ModelContextProtocol.Server;
using SreSuite.ObservabilityTools.Analysis;
using SreSuite.ObservabilityTools.Prometheus;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ObservabilityTools.Tools;

[McpServerToolType]
public sealed class QueryTools(PrometheusBackend prometheus, AnswerBudgets budgets)
{
    /// <summary>Series fetched by one range query at most (Prometheus 2.54+ honours it; the answer shows far fewer).</summary>
    private const int SeriesFetchCap = 1000;

    [McpServerTool(Name = "prom_query", Title = "Prometheus: instant query", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Evaluate PromQL at one instant (default now). Vectors come sorted by value, largest first, capped at limit.")]
    public async Task<string> QueryAsync(
        [Description("PromQL expression"), MaxLength(4000)] string query,
        [Description("Evaluation time: RFC 3339, unix seconds, now-1h or 1h (ago); default now"), MaxLength(40)] string? time = null,
        [Description("Series shown"), Range(1, 200)] int limit = 20,
        CancellationToken cancellationToken = default)
    {
        var at = time is null ? (DateTimeOffset?)null : PromTime.Parse(time, ToolClock.Now(), "time");
        var result = await prometheus.CallAsync(
            api => api.QueryAsync(RequireQuery(query), at is { } t ? PromTime.ToUnixSeconds(t) : null, cancellationToken), "query", cancellationToken);
        var answer = budgets.Start("prom_query");
        InstantReport.Write(answer, result.Data, Math.Clamp(limit, 1, 200));
        answer.AddWarnings(result.Warnings);
        return answer.ToString();
    }

    [McpServerTool(Name = "prom_query_range", Title = "Prometheus: range query", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Evaluate PromQL over a window. Per series: first/last/min/max/mean, trend, sharp departures from baseline (start, end, peak), values downsampled to max_points. Departing series first.")]
    public async Task<string> QueryRangeAsync(
        [Description("PromQL expression, e.g. sum by (service) (rate(http_requests_total[5m]))"), MaxLength(4000)] string query,
        [Description("Window start: RFC 3339, unix seconds, now-6h or 6h (ago)"), MaxLength(40)] string start = "now-1h",
        [Description("Window end, same forms"), MaxLength(40)] string end = "now",
        [Description("Resolution such as 15s or 5m; omit to fit max_points"), MaxLength(20)] string? step = null,
        [Description("Points per series shown"), Range(5, 200)] int max_points = 30,
        [Description("Series shown in full; the rest are counted"), Range(1, 50)] int max_series = 10,
        [Description("Show every point at step instead of downsampled values")] bool raw = false,
        CancellationToken cancellationToken = default)
    {
        var now = ToolClock.Now();
        TimeSpan? resolution = null;
        if (!string.IsNullOrWhiteSpace(step))
        {
            resolution = PromDuration.TryParseStep(step, out var parsed)
                ? parsed
                : throw new ToolInputException("step", $"'{step}' is not a duration; use e.g. 15s, 5m or 1h, or omit it.");
        }

        var points = Math.Clamp(max_points, 5, 200);
        var plan = RangePlan.Create(PromTime.Parse(start, now, "start"), PromTime.Parse(end, now, "end"), resolution, points);
        var expression = RequireQuery(query);
        var result = await prometheus.CallAsync(
            api => api.QueryRangeAsync(expression, PromTime.ToUnixSeconds(plan.Start), PromTime.ToUnixSeconds(plan.End),
                plan.Step.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture), SeriesFetchCap, cancellationToken),
            "query", cancellationToken);

        var matrix = result.Data.Matrix ?? [];
        var series = matrix
            .Select(s => SampledSeries.FromPoints(s.Metric, plan, (s.Values ?? []).Select(v => (v.Timestamp, v.Value))))
            .ToList();
        var answer = budgets.Start("prom_query_range");
        RangeReport.Write(answer, plan, series, new RangeReportOptions(points, Math.Clamp(max_series, 1, 50), raw));
        if (matrix.Count >= SeriesFetchCap)
            answer.Note($"… Prometheus may hold more than the {SeriesFetchCap} series fetched; narrow the query with label matchers.");
        if (matrix.Any(s => s.Histograms is not null))
            answer.Note("native histogram samples are not summarised; query histogram_quantile(0.99, sum by (le) (rate(<histogram>[5m]))) instead.");
        if (QueryHints.RawCounter(expression) is { } counter)
            answer.Note(counter);
        if (QueryHints.WindowsShorterThanStep(expression, plan.Step) is { } windows)
            answer.Note(windows);
        answer.AddWarnings(result.Warnings);
        return answer.ToString();
    }

    private static string RequireQuery(string query) =>
        string.IsNullOrWhiteSpace(query) ? throw new ToolInputException("query", "is empty; pass a PromQL expression such as up or rate(http_requests_total[5m]).") : query.Trim();
}
