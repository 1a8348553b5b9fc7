using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SreSuite.ObservabilityTools.Analysis;
using SreSuite.ObservabilityTools.Prometheus;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Mcp;

namespace SreSuite.ObservabilityTools.Tools;

[McpServerToolType]
public sealed class QueryTools(PrometheusBackend prometheus, AnswerBudgets budgets)
{
    /// <summary>Series fetched by one range query at most (Prometheus 2.54+ honours it; the answer shows far fewer).</summary>
    private const int SeriesFetchCap = 1000;

    /// <summary>Series a range answer shows in full; the rest are counted with how to narrow.</summary>
    private const int SeriesShown = 10;

    [McpServerTool(Name = "prom_query", Title = "Prometheus: Run instant query", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Run an instant PromQL query. Vectors sorted by value, largest first, capped at limit; instance addresses named with their pod when kube_pod_info knows it.")]
    [StructuredOutput("resultType", "series", "samples", "scalar")]
    public async Task<CallToolResult> QueryAsync(
        [Description("PromQL"), StringLength(4000)] string query,
        [Description("RFC 3339, unix s, now-1h or 1h (ago); default now"), StringLength(40)] string time = "",
        [Description("Series shown"), Range(1, 200)] int limit = 20,
        CancellationToken cancellationToken = default)
    {
        var at = string.IsNullOrWhiteSpace(time) ? (DateTimeOffset?)null : PromTime.Parse(time, ToolClock.Now(), "time");
        var result = await prometheus.CallAsync(
            api => api.QueryAsync(RequireQuery(query), at is { } t ? PromTime.ToUnixSeconds(t) : null, cancellationToken), "query", cancellationToken);
        var labels = (result.Data.Vector?.Select(v => v.Metric) ?? result.Data.Matrix?.Select(m => m.Metric) ?? []).ToList();
        var context = await SeriesContextLookup.FindAsync(prometheus, query, labels, at, cancellationToken);
        var (answer, data) = budgets.StartStructured("prom_query");
        answer.AddWarnings(result.Warnings);
        InstantReport.Write(answer, result.Data, Math.Clamp(limit, 1, 200), context, data);
        return data.Result(answer.ToString());
    }

    [McpServerTool(Name = "prom_query_range", Title = "Prometheus: Run range query", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Run PromQL over a window. Per series: stats, trend (with time to the memory limit or disk capacity when known), departures from baseline, values downsampled to max_points.")]
    [StructuredOutput("start", "end", "step", "series")]
    public async Task<CallToolResult> QueryRangeAsync(
        [Description("PromQL"), StringLength(4000)] string query,
        [Description("RFC 3339, unix s, now-6h or 6h (ago)"), StringLength(40)] string start = "now-1h",
        [Description("Same forms"), StringLength(40)] string end = "now",
        [Description("e.g. 15s; omit to fit max_points"), StringLength(20)] string step = "",
        [Description("Points per series"), Range(5, 200)] int max_points = 30,
        [Description("Every point at step")] bool raw = false,
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
        // Notes known before the content go first, so the content leaves room for them.
        var (answer, data) = budgets.StartStructured("prom_query_range");
        answer.AddWarnings(result.Warnings);
        if (matrix.Count >= SeriesFetchCap)
            answer.Note($"… Prometheus may hold more than the {SeriesFetchCap} series fetched; narrow the query with label matchers.");
        if (matrix.Any(s => s.Histograms is not null))
            answer.Note("native histogram samples are not summarised; query histogram_quantile(0.99, sum by (le) (rate(<histogram>[5m]))) instead.");
        if (QueryHints.RawCounter(expression) is { } counter)
            answer.Note(counter);
        if (QueryHints.WindowsShorterThanStep(expression, plan.Step) is { } windows)
            answer.Note(windows);
        var context = await SeriesContextLookup.FindAsync(prometheus, expression, [.. series.Select(s => s.Labels)], plan.End, cancellationToken);
        RangeReport.Write(answer, plan, series, new RangeReportOptions(points, SeriesShown, raw, context), data);
        return data.Result(answer.ToString());
    }

    private static string RequireQuery(string query) =>
        string.IsNullOrWhiteSpace(query) ? throw new ToolInputException("query", "is empty; pass a PromQL expression such as up or rate(http_requests_total[5m]).") : query.Trim();
}
