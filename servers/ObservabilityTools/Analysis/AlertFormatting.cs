using SreSuite.ObservabilityTools.Prometheus;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ObservabilityTools.Analysis;

public static class AlertFormatting
{
    private static readonly string[] SeverityOrder = ["critical", "page", "error", "high", "warning", "medium", "info", "low", "none"];

    /// <summary>Sort key: critical first; unknown severities after the known ones.</summary>
    public static int SeverityRank(IReadOnlyDictionary<string, string>? labels)
    {
        var severity = labels is not null && labels.TryGetValue("severity", out var value) ? value.ToLowerInvariant() : "none";
        var rank = Array.IndexOf(SeverityOrder, severity);
        return rank < 0 ? SeverityOrder.Length : rank;
    }

    /// <summary>
    /// A rule's alerts as their own labels (<paramref name="omit"/> left out), newest <c>activeAt</c> first, then by
    /// the labels' text: the same order for the same alerts, whatever order Prometheus returned them in.
    /// </summary>
    public static IReadOnlyList<string> NewestFirst(IEnumerable<PrometheusAlert> alerts, IReadOnlyDictionary<string, string> omit)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        return [.. alerts
            .Select(a => (a.ActiveAt, Labels: LabelSets.Format(a.Labels ?? new Dictionary<string, string>(), omit)))
            .OrderByDescending(a => a.ActiveAt ?? DateTimeOffset.MinValue)
            .ThenBy(a => a.Labels, StringComparer.Ordinal)
            .Select(a => a.Labels)];
    }

    /// <summary><c>2026-01-01T10:00:00Z (2h59m ago)</c>.</summary>
    public static string Since(DateTimeOffset? time, DateTimeOffset now) => time is { } t
        ? $"{Ages.Timestamp(t)} ({Ages.Ago(t, now)})"
        : "unknown";

    /// <summary><c>2026-01-01T10:00:00Z (in 2h)</c> or <c>(3h ago)</c>.</summary>
    public static string Relative(DateTimeOffset? time, DateTimeOffset now)
    {
        if (time is not { } t)
            return "unknown";
        if (Math.Abs((t - now).TotalSeconds) < 1)
            return $"{Ages.Timestamp(t)} (now)";
        return $"{Ages.Timestamp(t)} ({Ages.Ago(t, now)})";
    }

    /// <summary>Annotations as <c>key: value</c> lines, sorted, for a fence.</summary>
    public static string Annotations(IReadOnlyDictionary<string, string>? annotations) =>
        annotations is null || annotations.Count == 0
            ? "(no annotations)"
            : string.Join('\n', annotations.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}: {a.Value}"));

}
