using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using ModelContextProtocol.Server;
using SreSuite.ObservabilityTools.Analysis;
using SreSuite.ObservabilityTools.Prometheus;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ObservabilityTools.Tools;

[McpServerToolType]
public sealed partial class DiscoveryTools(PrometheusBackend prometheus, AnswerBudgets budgets)
{
    /// <summary>Values fetched at most (Prometheus 2.54+ honours the limit); more are reported as "at least".</summary>
    private const int FetchCap = 10_000;

    [McpServerTool(Name = "prom_list_metrics", Title = "Prometheus: list metrics", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("List metric names containing a substring or matching a regex (case-insensitive), with type, unit and help.")]
    public async Task<string> ListMetricsAsync(
        [Description("Substring or regex of the name, e.g. http_requests or ^process_"), MaxLength(200)] string? pattern = null,
        [Description("Names shown"), Range(1, 500)] int limit = 50,
        CancellationToken cancellationToken = default)
    {
        var filter = CompilePattern(pattern);
        var names = await prometheus.CallAsync(api => api.LabelValuesAsync(LabelSets.MetricName, null, null, null, FetchCap, cancellationToken), "pattern", cancellationToken);
        var matching = names.Data.Where(name => filter?.IsMatch(name) ?? true).Order(StringComparer.Ordinal).ToList();
        var shown = matching.Take(Math.Clamp(limit, 1, 500)).ToList();

        var metadata = shown.Count == 0
            ? new Dictionary<string, IReadOnlyList<MetricMetadata>>()
            : (await prometheus.CallAsync(api => api.MetadataAsync(shown.Count == 1 ? shown[0] : null, 1, cancellationToken), "pattern", cancellationToken)).Data;

        var answer = budgets.Start("prom_list_metrics");
        var of = names.Data.Count >= FetchCap ? $"at least {FetchCap:N0}" : names.Data.Count.ToString("N0", CultureInfo.InvariantCulture);
        answer.AppendLine(pattern is null
            ? $"{matching.Count} metric names (of {of})"
            : $"{matching.Count} metric names match '{UntrustedText.Sanitize(pattern)}' (of {of})");
        if (matching.Count == 0)
            return answer.AppendLine("none; try a shorter substring, or prom_series with a selector.").ToString();

        var rows = shown.Select(name => Row(name, metadata.TryGetValue(name, out var meta) && meta.Count > 0 ? meta[0] : null)).ToList();
        answer.AppendFencedRows("metric names and metadata exposed by scrape targets", rows, "metric names", "pass a narrower pattern or raise limit");
        if (matching.Count > shown.Count)
            answer.Note($"… {matching.Count - shown.Count} more metric names beyond limit; pass a narrower pattern or raise limit.");
        if (shown.Any(name => !metadata.ContainsKey(name)))
            answer.Note("'-' means no metadata: Prometheus only knows type and help for metrics it scrapes itself (not for remote-written or backfilled ones).");
        answer.AddWarnings(names.Warnings);
        return answer.ToString();
    }

    [McpServerTool(Name = "prom_label_values", Title = "Prometheus: label values", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("List the values of one label, optionally only on series matching a selector and within a window.")]
    public async Task<string> LabelValuesAsync(
        [Description("Label name, e.g. service"), RegularExpression("^[a-zA-Z_][a-zA-Z0-9_]*$"), MaxLength(200)] string label,
        [Description("Series selector, e.g. http_requests_total{code=~\"5..\"}"), MaxLength(2000)] string? match = null,
        [Description("Window start (RFC 3339, unix seconds, now-6h, 6h); default: all data"), MaxLength(40)] string? start = null,
        [Description("Window end, same forms; default now"), MaxLength(40)] string? end = null,
        [Description("Values shown"), Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(label) || !LabelName().IsMatch(label))
            throw new ToolInputException("label", $"'{label}' is not a label name; use letters, digits and underscores, e.g. service.");
        var (from, until) = Window(start, end);
        var matches = string.IsNullOrWhiteSpace(match) ? null : new[] { match.Trim() };
        var values = await prometheus.CallAsync(api => api.LabelValuesAsync(label, matches, from, until, FetchCap, cancellationToken), "match", cancellationToken);

        var answer = budgets.Start("prom_label_values");
        var count = values.Data.Count >= FetchCap ? $"at least {FetchCap:N0}" : values.Data.Count.ToString(CultureInfo.InvariantCulture);
        var scope = matches is null ? string.Empty : $" on {UntrustedText.Sanitize(matches[0])}";
        var window = from is null ? string.Empty : $" between {Describe(start)} and {Describe(end)}";
        answer.AppendLine($"{count} values of {label}{scope}{window}");
        var sorted = values.Data.Order(StringComparer.Ordinal).ToList();
        var shown = sorted.Take(Math.Clamp(limit, 1, 1000)).Select(v => $"\"{LabelSets.Escape(v)}\"").ToList();
        var written = answer.AppendRows(shown, value => value, "values", "pass match or a window to narrow, or raise limit");
        if (written == shown.Count && sorted.Count > shown.Count)
            answer.Note($"… {sorted.Count - shown.Count} more values beyond limit; pass match or a window to narrow, or raise limit.");
        answer.AddWarnings(values.Warnings);
        return answer.ToString();
    }

    [McpServerTool(Name = "prom_series", Title = "Prometheus: series", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("List the label sets of series matching a selector within a window, with counts per metric and per label.")]
    public async Task<string> SeriesAsync(
        [Description("Series selector, e.g. up or {service=\"payments-api\"}"), MaxLength(2000)] string match,
        [Description("Window start (RFC 3339, unix seconds, now-6h, 6h)"), MaxLength(40)] string start = "now-1h",
        [Description("Window end, same forms"), MaxLength(40)] string end = "now",
        [Description("Label sets shown"), Range(1, 500)] int limit = 50,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(match))
            throw new ToolInputException("match", "is empty; pass a selector such as up or {job=\"api\"}.");
        var (from, until) = Window(start, end);
        var result = await prometheus.CallAsync(api => api.SeriesAsync([match.Trim()], from, until, FetchCap, cancellationToken), "match", cancellationToken);
        var series = result.Data;

        var answer = budgets.Start("prom_series");
        var count = series.Count >= FetchCap ? $"at least {FetchCap:N0}" : series.Count.ToString(CultureInfo.InvariantCulture);
        answer.AppendLine($"{count} series match {UntrustedText.Sanitize(match.Trim())} between {Describe(start)} and {Describe(end)}");
        if (series.Count == 0)
            return answer.AppendLine("none; check names with prom_list_metrics or widen the window.").ToString();

        var byMetric = series.GroupBy(s => s.TryGetValue(LabelSets.MetricName, out var name) ? name : "(no name)", StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{LabelSets.Escape(g.Key)} {g.Count()}").ToList();
        answer.AppendLine($"by metric: {string.Join(", ", byMetric.Take(10))}{(byMetric.Count > 10 ? $", … {byMetric.Count - 10} more" : string.Empty)}");
        var cardinality = series.SelectMany(s => s).Where(l => l.Key != LabelSets.MetricName)
            .GroupBy(l => l.Key, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Values: g.Select(l => l.Value).Distinct(StringComparer.Ordinal).Count()))
            .OrderByDescending(g => g.Values).ThenBy(g => g.Name, StringComparer.Ordinal)
            .Select(g => $"{g.Name} {g.Values}").ToList();
        if (cardinality.Count > 0)
            answer.AppendLine($"distinct values per label: {string.Join(", ", cardinality.Take(15))}{(cardinality.Count > 15 ? $", … {cardinality.Count - 15} more labels" : string.Empty)}");
        var common = series.Count > 1 ? LabelSets.Common(series) : new Dictionary<string, string>();
        if (common.Count > 0)
            answer.AppendLine($"common labels: {LabelSets.Format(common)}");

        var rows = series.Select(s => LabelSets.Format(s, common)).Order(StringComparer.Ordinal).ToList();
        var shown = rows.Take(Math.Clamp(limit, 1, 500)).ToList();
        var written = answer.AppendRows(shown, row => row, "series", "narrow the selector or the window, or raise limit");
        if (written == shown.Count && rows.Count > shown.Count)
            answer.Note($"… {rows.Count - shown.Count} more series beyond limit; narrow the selector or the window, or raise limit.");
        answer.AddWarnings(result.Warnings);
        return answer.ToString();
    }

    private static (string? From, string? Until) Window(string? start, string? end)
    {
        if (string.IsNullOrWhiteSpace(start) && string.IsNullOrWhiteSpace(end))
            return (null, null);
        var now = ToolClock.Now();
        var from = string.IsNullOrWhiteSpace(start) ? now - TimeSpan.FromHours(1) : PromTime.Parse(start, now, "start");
        var until = PromTime.Parse(end, now, "end");
        if (until <= from)
            throw new ToolInputException("start", $"start ({PromTime.Format(from)}) must be before end ({PromTime.Format(until)}).");
        return (PromTime.ToUnixSeconds(from), PromTime.ToUnixSeconds(until));
    }

    private static string Describe(string? time) => string.IsNullOrWhiteSpace(time) ? "now" : UntrustedText.Sanitize(time.Trim());

    private static Regex? CompilePattern(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
            return null;
        try
        {
            return new Regex(pattern.Trim(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            throw new ToolInputException("pattern", $"is not a valid regular expression ({ex.Message.Split('\n')[0]}); a plain substring such as http_requests works too.");
        }
        catch (NotSupportedException)
        {
            throw new ToolInputException("pattern", "uses a regex construct this server does not run (backreferences, lookarounds); use a simpler pattern.");
        }
    }

    private static string Row(string name, MetricMetadata? metadata)
    {
        if (metadata is null)
            return $"{name} -";
        var unit = string.IsNullOrEmpty(metadata.Unit) ? string.Empty : $" [{metadata.Unit}]";
        return $"{name} {metadata.Type ?? "-"}{unit} {UntrustedRows.Clip(metadata.Help, 100)}";
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelName();
}
