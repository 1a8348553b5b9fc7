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

    /// <summary>Metric names looked up and listed at most; the answer budget usually cuts sooner.</summary>
    private const int ListCap = 500;

    private static readonly string[] FamilySuffixes = ["_bucket", "_count", "_sum", "_total", "_created"];

    [McpServerTool(Name = "prom_list_metrics", Title = "Prometheus: List metrics", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("List metric names matching a substring or regex (any case), with type, unit, help.")]
    public async Task<string> ListMetricsAsync(
        [Description("Substring or regex"), StringLength(200)] string pattern = "",
        CancellationToken cancellationToken = default)
    {
        var filter = CompilePattern(pattern);
        var shownPattern = UntrustedText.Line(pattern.Trim());
        var names = await prometheus.CallAsync(api => api.LabelValuesAsync(LabelSets.MetricName, null, null, null, FetchCap, cancellationToken), "pattern", cancellationToken);
        var matching = names.Data.Where(name => filter?.IsMatch(name) ?? true).Order(StringComparer.Ordinal).ToList();
        var shown = matching.Take(ListCap).ToList();

        var metadata = shown.Count == 0
            ? new Dictionary<string, IReadOnlyList<MetricMetadata>>()
            : (await prometheus.CallAsync(api => api.MetadataAsync(null, 1, cancellationToken), "pattern", cancellationToken)).Data;

        var answer = budgets.Start("prom_list_metrics");
        answer.AddWarnings(names.Warnings);
        var of = names.Data.Count >= FetchCap ? $"at least {FetchCap:N0}" : names.Data.Count.ToString("N0", CultureInfo.InvariantCulture);
        answer.AppendLine(shownPattern.Length == 0
            ? $"{matching.Count} metric names (of {of})"
            : $"{matching.Count} metric names match '{shownPattern}' (of {of})");
        if (matching.Count == 0)
            return answer.AppendLine("none; try a shorter substring, or prom_series with a selector.").ToString();

        if (shown.Any(name => MetadataOf(name, metadata) is null))
            answer.Note("'-' means no metadata: Prometheus only knows type and help for metrics it scrapes itself (not for remote-written or backfilled ones).");
        var rows = shown.Select(name => Row(name, MetadataOf(name, metadata))).ToList();
        var written = answer.AppendUntrustedRows("metric names and metadata exposed by scrape targets", rows, "metric names", "pass a narrower pattern");
        if (written == shown.Count && matching.Count > shown.Count)
            answer.Note($"… {matching.Count - shown.Count} more metric names; pass a narrower pattern.");
        return answer.ToString();
    }

    [McpServerTool(Name = "prom_label_values", Title = "Prometheus: List label values", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("List the values of a label, optionally on matching series, in a lookback window.")]
    public async Task<string> LabelValuesAsync(
        [Description("Label name"), RegularExpression("^[a-zA-Z_][a-zA-Z0-9_]*$")] string label,
        [Description("Series selector"), StringLength(2000)] string match = "",
        [Description("Lookback such as 6h; default all data"), StringLength(20)] string window = "",
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(label) || !LabelName().IsMatch(label))
            throw new ToolInputException("label", $"'{label}' is not a label name; use letters, digits and underscores, e.g. service.");
        var (from, until) = Lookback(window);
        var matches = string.IsNullOrWhiteSpace(match) ? null : new[] { match.Trim() };
        var values = await prometheus.CallAsync(api => api.LabelValuesAsync(label, matches, from, until, FetchCap, cancellationToken), "match", cancellationToken);

        var answer = budgets.Start("prom_label_values");
        answer.AddWarnings(values.Warnings);
        var count = values.Data.Count >= FetchCap ? $"at least {FetchCap:N0}" : values.Data.Count.ToString(CultureInfo.InvariantCulture);
        var scope = matches is null ? string.Empty : $" on {UntrustedText.Line(matches[0])}";
        var within = from is null ? string.Empty : $" in the last {UntrustedText.Line(window.Trim())}";
        answer.AppendLine($"{count} values of {label}{scope}{within}");
        var sorted = values.Data.Order(StringComparer.Ordinal).ToList();
        answer.AppendRows(sorted.Select(v => $"\"{LabelSets.Escape(v)}\"").ToList(), value => value, "values", "pass match or window to narrow");
        return answer.ToString();
    }

    [McpServerTool(Name = "prom_series", Title = "Prometheus: List series", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("List the label sets of series matching a selector, with counts per metric and label.")]
    public async Task<string> SeriesAsync(
        [Description("Series selector"), StringLength(2000)] string match,
        [Description("Lookback such as 6h"), StringLength(20)] string window = "1h",
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(match))
            throw new ToolInputException("match", "is empty; pass a selector such as up or {job=\"api\"}.");
        var (from, until) = Lookback(string.IsNullOrWhiteSpace(window) ? "1h" : window);
        var result = await prometheus.CallAsync(api => api.SeriesAsync([match.Trim()], from, until, FetchCap, cancellationToken), "match", cancellationToken);
        var series = result.Data;

        var answer = budgets.Start("prom_series");
        answer.AddWarnings(result.Warnings);
        var count = series.Count >= FetchCap ? $"at least {FetchCap:N0}" : series.Count.ToString(CultureInfo.InvariantCulture);
        answer.AppendLine($"{count} series match {UntrustedText.Line(match.Trim())} in the last {UntrustedText.Line(window.Trim())}");
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
            .Select(g => $"{UntrustedText.Line(g.Name)} {g.Values}").ToList();
        if (cardinality.Count > 0)
            answer.AppendLine($"distinct values per label: {string.Join(", ", cardinality.Take(15))}{(cardinality.Count > 15 ? $", … {cardinality.Count - 15} more labels" : string.Empty)}");
        var common = series.Count > 1 ? LabelSets.Common(series) : new Dictionary<string, string>();
        if (common.Count > 0)
            answer.AppendLine($"common labels: {LabelSets.Format(common)}");

        var rows = series.Select(s => LabelSets.Format(s, common)).Order(StringComparer.Ordinal).ToList();
        answer.AppendRows(rows, row => row, "series", "narrow the selector or the window");
        return answer.ToString();
    }

    /// <summary>Unix-second bounds of the last <paramref name="window"/>; no bounds (all data) when it is empty.</summary>
    private static (string? From, string? Until) Lookback(string window)
    {
        if (string.IsNullOrWhiteSpace(window))
            return (null, null);
        if (!PromDuration.TryParse(window, out var lookback))
            throw new ToolInputException("window", $"'{window}' is not a duration; use e.g. 30m, 6h or 2d.");
        var now = ToolClock.Now();
        return (PromTime.ToUnixSeconds(now - lookback), PromTime.ToUnixSeconds(now));
    }

    private static Regex? CompilePattern(string pattern)
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

    /// <summary>Metadata is kept per family: <c>x_bucket</c>, <c>x_count</c> and <c>x_sum</c> are found under <c>x</c>.</summary>
    private static MetricMetadata? MetadataOf(string name, IReadOnlyDictionary<string, IReadOnlyList<MetricMetadata>> metadata)
    {
        foreach (var candidate in new[] { name }.Concat(FamilySuffixes.Where(s => name.EndsWith(s, StringComparison.Ordinal)).Select(s => name[..^s.Length])))
        {
            if (metadata.TryGetValue(candidate, out var entries) && entries.Count > 0)
                return entries[0];
        }

        return null;
    }

    private static string Row(string name, MetricMetadata? metadata)
    {
        if (metadata is null)
            return $"{name} -";
        var unit = string.IsNullOrEmpty(metadata.Unit) ? string.Empty : $" [{metadata.Unit}]";
        return $"{name} {metadata.Type ?? "-"}{unit} {UntrustedText.Line(metadata.Help, 100)}";
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelName();
}
