using System.Text.RegularExpressions;

namespace SreSuite.ObservabilityTools.Analysis;

/// <summary>Mistakes in a PromQL query that Prometheus answers without complaint but that mislead the reader.</summary>
public static partial class QueryHints
{
    /// <summary>A bare counter selector: its value only grows, so its shape says nothing about the rate.</summary>
    public static string? RawCounter(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var match = CounterSelector().Match(query);
        return match.Success
            ? $"{match.Groups["name"].Value} looks like a counter, whose raw value only grows; for a per-second rate query rate({query.Trim()}[5m])."
            : null;
    }

    /// <summary>
    /// Range windows such as <c>[5m]</c> all shorter than the step: each point then sees only part of its step.
    /// Queries with subqueries (<c>[1h:5m]</c>) are left alone: their windows follow the subquery's resolution.
    /// </summary>
    public static string? WindowsShorterThanStep(string query, TimeSpan step)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (Subquery().IsMatch(query))
            return null;
        var windows = RangeWindow().Matches(query)
            .Select(match => (Text: match.Groups["window"].Value, Parsed: PromDuration.TryParse(match.Groups["window"].Value, out var window) ? window : TimeSpan.Zero))
            .Where(window => window.Parsed > TimeSpan.Zero)
            .ToList();
        if (windows.Count == 0 || windows.Any(window => window.Parsed >= step))
            return null;
        var text = string.Join(", ", windows.Select(window => $"[{window.Text}]").Distinct(StringComparer.Ordinal));
        return $"the range window {text} is shorter than the step {PromDuration.Format(step)}, so each point sees only part of its step; use [{PromDuration.Format(step)}] or a smaller step to cover all samples.";
    }

    [GeneratedRegex(@"^\s*(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*_(total|count|sum|bucket))\s*(\{[^{}]*\})?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex CounterSelector();

    [GeneratedRegex(@"\[[^\]]*:[^\]]*\]", RegexOptions.CultureInvariant)]
    private static partial Regex Subquery();

    [GeneratedRegex(@"\[\s*(?<window>\d+(?:ms|[smhdwy])(?:\d+(?:ms|[smhdwy]))*)\s*\]", RegexOptions.CultureInvariant)]
    private static partial Regex RangeWindow();
}
