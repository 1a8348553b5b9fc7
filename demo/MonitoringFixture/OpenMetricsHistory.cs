using System.Globalization;
using SreSuite.Scenarios;

namespace SreSuite.MonitoringFixture;

/// <summary>
/// Writes a scenario's series as OpenMetrics text for <c>promtool tsdb create-blocks-from openmetrics</c>, up to the
/// run's now, plus the <c>ALERTS</c> and <c>ALERTS_FOR_STATE</c> series Prometheus itself would have written for every
/// firing alert of <c>alerts/alerts.json</c> that a rule of <c>alerts/rules.yaml</c> raises, so Prometheus restores it
/// as firing since the time the file gives (active from that time minus the rule's <c>for</c>).
/// </summary>
public static class OpenMetricsHistory
{
    /// <summary>The series and the restored alerts with alerts.json's labels, in one file.</summary>
    public static void Write(TextWriter writer, Scenario scenario, IReadOnlyList<PlayedSeries> series)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        WriteSeries(writer, series);
        WriteAlerts(writer, [.. RestoredAlerts(scenario)], scenario.Clock.Now);
        writer.Write("# EOF\n");
    }

    /// <summary>The series alone, without the closing <c># EOF</c>.</summary>
    public static void WriteSeries(TextWriter writer, IReadOnlyList<PlayedSeries> series)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(series);
        foreach (var family in series.GroupBy(s => s.Family))
        {
            var kind = family.Key.Kind == MetricKind.Counter ? "counter" : "gauge";
            var familyName = family.Key.Kind == MetricKind.Counter ? family.Key.Name[..^"_total".Length] : family.Key.Name;
            writer.Write($"# HELP {familyName} {family.Key.Help}\n# TYPE {familyName} {kind}\n");
            foreach (var one in family)
            {
                var labels = one.LabelText();
                foreach (var (at, value) in one.History())
                    WriteSample(writer, family.Key.Name, labels, value, at);
            }
        }
    }

    /// <summary>
    /// The <c>ALERTS</c> and <c>ALERTS_FOR_STATE</c> series Prometheus' rule manager would have written for
    /// <paramref name="restored"/> up to <paramref name="now"/>, without the closing <c># EOF</c>.
    /// </summary>
    public static void WriteAlerts(TextWriter writer, IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, DateTimeOffset ActiveAt, DateTimeOffset FiringAt)> restored, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(restored);
        if (restored.Count == 0)
            return;
        var interval = TimeSpan.FromSeconds(15);
        writer.Write("# HELP ALERTS Alert state written by Prometheus' rule manager.\n# TYPE ALERTS gauge\n");
        foreach (var (labels, activeAt, firingAt) in restored)
        {
            for (var at = activeAt; at <= now; at += interval)
                WriteSample(writer, "ALERTS", AlertLabels(labels, at < firingAt ? "pending" : "firing"), 1, at);
        }

        writer.Write("# HELP ALERTS_FOR_STATE When each alert became active, for restoring 'for' state after a restart.\n# TYPE ALERTS_FOR_STATE gauge\n");
        foreach (var (labels, activeAt, _) in restored)
        {
            for (var at = activeAt; at <= now; at += interval)
                WriteSample(writer, "ALERTS_FOR_STATE", AlertLabels(labels, null), activeAt.ToUnixTimeSeconds(), at);
        }
    }

    /// <summary>
    /// Firing alerts of alerts.json that a rule raises: their labels (which must be the rule's output labels for the
    /// restore to take), when they became active (the file's time minus the rule's <c>for</c>) and when they fired.
    /// </summary>
    public static IEnumerable<(IReadOnlyDictionary<string, string> Labels, DateTimeOffset ActiveAt, DateTimeOffset FiringAt)> RestoredAlerts(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        foreach (var alert in scenario.Alerts.Where(a => a.State == "firing"))
        {
            var rule = scenario.AlertRules.FirstOrDefault(r => r.Alert == alert.Labels["alertname"]);
            if (rule is null)
                continue;
            var firingAt = DateTimeOffset.FromUnixTimeSeconds(alert.ActiveAt.ToUnixTimeSeconds());
            yield return (alert.Labels, firingAt - rule.For, firingAt);
        }
    }

    /// <summary>The alert's labels as Prometheus writes them: alertname, the expression's labels and the rule's, sorted.</summary>
    private static string AlertLabels(IReadOnlyDictionary<string, string> labels, string? state)
    {
        var all = labels.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        if (state is not null)
            all["alertstate"] = state;
        return PlayedSeries.LabelText(all);
    }

    private static void WriteSample(TextWriter writer, string name, string labels, double value, DateTimeOffset at)
    {
        writer.Write(name);
        writer.Write(labels);
        writer.Write(' ');
        writer.Write(double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture));
        writer.Write(' ');
        writer.Write(at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        writer.Write('\n');
    }
}
