using System.Text;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ObservabilityTools.Analysis;

/// <summary>Label sets written as PromQL selectors, so a line of an answer can be pasted back into a query.</summary>
public static class LabelSets
{
    public const string MetricName = "__name__";

    /// <summary>The labels every set has with the same value.</summary>
    public static IReadOnlyDictionary<string, string> Common(IReadOnlyList<IReadOnlyDictionary<string, string>> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        if (sets.Count == 0)
            return new Dictionary<string, string>();
        var common = new Dictionary<string, string>(sets[0], StringComparer.Ordinal);
        foreach (var set in sets.Skip(1))
        {
            foreach (var (name, value) in common.ToList())
            {
                if (!set.TryGetValue(name, out var other) || other != value)
                    common.Remove(name);
            }
        }

        return common;
    }

    /// <summary>
    /// <c>metric{a="1",b="2"}</c> with labels sorted and those in <paramref name="omit"/> left out; values are
    /// stripped of invisible characters and escaped as PromQL strings.
    /// </summary>
    public static string Format(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string>? omit = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var text = new StringBuilder();
        if (labels.TryGetValue(MetricName, out var metric) && omit?.ContainsKey(MetricName) != true)
            text.Append(UntrustedText.Line(metric));
        var rest = labels
            .Where(label => label.Key != MetricName && omit?.ContainsKey(label.Key) != true)
            .OrderBy(label => label.Key, StringComparer.Ordinal)
            .ToList();
        if (rest.Count == 0)
            return text.Length == 0 ? "{}" : text.ToString();

        text.Append('{');
        for (var i = 0; i < rest.Count; i++)
        {
            if (i > 0)
                text.Append(',');
            text.Append(UntrustedText.Line(rest[i].Key)).Append("=\"").Append(Escape(rest[i].Value)).Append('"');
        }

        return text.Append('}').ToString();
    }

    /// <summary>A label value as the inside of a PromQL string, on one line: <c>a"b\nc</c> becomes <c>a\"b\\nc</c>.</summary>
    public static string Escape(string value) =>
        UntrustedText.Line(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal));

    /// <summary>
    /// For series left out of an answer: the label that best splits them and its most common values,
    /// e.g. <c>service: checkout-web 8, identity-api 8</c>, so the caller knows what to filter on.
    /// </summary>
    public static string? Breakdown(IReadOnlyList<IReadOnlyDictionary<string, string>> sets, int maxValues = 4)
    {
        ArgumentNullException.ThrowIfNull(sets);
        var common = Common(sets);
        var best = sets
            .SelectMany(set => set.Keys)
            .Where(name => name != MetricName && !common.ContainsKey(name))
            .Distinct(StringComparer.Ordinal)
            .Select(name => (Name: name, Groups: sets.Where(s => s.ContainsKey(name)).GroupBy(s => s[name], StringComparer.Ordinal).ToList()))
            // Fewest distinct values that still split the sets: a name like "service" rather than "instance".
            .Where(candidate => candidate.Groups.Count > 1)
            .OrderBy(candidate => candidate.Groups.Count)
            .ThenBy(candidate => candidate.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (best.Name is null)
            return null;
        var values = best.Groups
            .OrderByDescending(group => group.Count())
            .ThenBy(group => group.Key, StringComparer.Ordinal)
            .ToList();
        var shown = string.Join(", ", values.Take(maxValues).Select(group => $"{Escape(group.Key)} {group.Count()}"));
        return values.Count > maxValues ? $"{best.Name}: {shown}, … {values.Count - maxValues} more values" : $"{best.Name}: {shown}";
    }
}
