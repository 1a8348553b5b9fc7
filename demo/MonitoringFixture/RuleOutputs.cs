using System.Text.Json.Nodes;
using SreSuite.Scenarios;

namespace SreSuite.MonitoringFixture;

/// <summary>
/// The label sets a scenario's alerting rules really produce, so the backfilled <c>ALERTS_FOR_STATE</c> carries them.
/// Prometheus restores an alert's 'for' state only when the backfilled series has exactly the labels the rule's
/// first evaluation gives (the expression's output labels, the rule's labels, alertname). A scenario's alerts.json is
/// written by hand and often differs: a <c>job</c> the backfill adds, a <c>reason</c> the expression keeps, a
/// <c>namespace</c> an aggregation drops. The restore then did not take, the alert sat pending for its whole 'for'
/// and <c>prom_rules state=firing</c> found nothing while ALERTS said firing. Each file alert is matched to an
/// output of its rule that agrees with it on every label both have.
/// </summary>
public static class RuleOutputs
{
    /// <param name="FromRule">Whether the labels are a rule output's (so the restore takes), not the file's own.</param>
    public sealed record RestoredAlert(IReadOnlyDictionary<string, string> Labels, DateTimeOffset ActiveAt, DateTimeOffset FiringAt, bool FromRule = false);

    /// <summary>
    /// <paramref name="fileAlerts"/> with each alert's labels replaced by the first unused output of its rule that does
    /// not contradict them (preferring the one agreeing on most labels); an alert that no output fits keeps its own.
    /// </summary>
    /// <param name="outputs">Per alert name, the label sets the rule's expression returns at now (without __name__).</param>
    public static IReadOnlyList<RestoredAlert> Match(IEnumerable<RestoredAlert> fileAlerts, IReadOnlyList<AlertRule> rules,
        IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> outputs)
    {
        ArgumentNullException.ThrowIfNull(fileAlerts);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(outputs);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var matched = new List<RestoredAlert>();
        foreach (var alert in fileAlerts)
        {
            var name = alert.Labels.TryGetValue("alertname", out var n) ? n : "";
            var rule = rules.FirstOrDefault(r => r.Alert == name);
            var candidates = rule is null || !outputs.TryGetValue(name, out var produced) ? [] : produced
                .Select(o => AlertLabels(o, rule))
                .Where(labels => !taken.Contains(Key(labels)) && labels.All(l => !alert.Labels.TryGetValue(l.Key, out var v) || v == l.Value))
                .OrderByDescending(labels => labels.Count(l => alert.Labels.ContainsKey(l.Key)))
                .ToList();
            var chosen = candidates.Count > 0 ? candidates[0] : alert.Labels;
            taken.Add(Key(chosen));
            matched.Add(alert with { Labels = chosen, FromRule = candidates.Count > 0 });
        }

        return matched;
    }

    /// <summary>Queries each rule behind <paramref name="fileAlerts"/> at <paramref name="at"/> on a running Prometheus.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>>> QueryAsync(
        HttpClient prometheus, IEnumerable<RestoredAlert> fileAlerts, IReadOnlyList<AlertRule> rules, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prometheus);
        var outputs = new Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>>(StringComparer.Ordinal);
        var names = fileAlerts.Select(a => a.Labels.TryGetValue("alertname", out var n) ? n : "").Distinct(StringComparer.Ordinal);
        foreach (var rule in names.Select(n => rules.FirstOrDefault(r => r.Alert == n)).OfType<AlertRule>())
        {
            var query = $"api/v1/query?query={Uri.EscapeDataString(rule.Expr)}&time={at.ToUnixTimeSeconds()}";
            var body = JsonNode.Parse(await prometheus.GetStringAsync(new Uri(query, UriKind.Relative), cancellationToken));
            outputs[rule.Alert] = [.. (body?["data"]?["result"]?.AsArray() ?? []).Select(r => (IReadOnlyDictionary<string, string>)(r?["metric"]?.AsObject() ?? [])
                .Where(l => l.Key != "__name__")
                .ToDictionary(l => l.Key, l => l.Value?.GetValue<string>() ?? "", StringComparer.Ordinal))];
        }

        return outputs;
    }

    /// <summary>What the rule manager labels an alert with: the output's labels, the rule's labels over them, alertname.</summary>
    private static Dictionary<string, string> AlertLabels(IReadOnlyDictionary<string, string> output, AlertRule rule)
    {
        var labels = output.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        foreach (var (key, value) in rule.Labels)
            labels[key] = value;
        labels["alertname"] = rule.Alert;
        return labels;
    }

    private static string Key(IReadOnlyDictionary<string, string> labels) =>
        string.Join('\u0001', labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
