using System.Globalization;

namespace SreSuite.MonitoringFixture;

/// <summary>
/// Writes the demo's 24 hours of history as OpenMetrics text for <c>promtool tsdb create-blocks-from openmetrics</c>:
/// every series every 15 s up to now, plus the <c>ALERTS</c> and <c>ALERTS_FOR_STATE</c> series Prometheus itself
/// would have written, so it restores PaymentsApiHighErrorRate as firing since T_deploy + 5m.
/// </summary>
public static class OpenMetricsHistory
{
    public static void Write(TextWriter writer, DemoStory story, IReadOnlyList<DemoSeries> series)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(story);
        ArgumentNullException.ThrowIfNull(series);
        foreach (var family in series.GroupBy(s => s.Family))
        {
            var kind = family.Key.Kind == MetricKind.Counter ? "counter" : "gauge";
            var familyName = family.Key.Kind == MetricKind.Counter ? family.Key.Name[..^"_total".Length] : family.Key.Name;
            writer.Write($"# HELP {familyName} {family.Key.Help}\n# TYPE {familyName} {kind}\n");
            foreach (var one in family)
            {
                var labels = one.LabelText();
                for (var k = 0; k <= DemoStory.HistorySteps; k++)
                {
                    var at = story.HistoryStart + DemoStory.Interval * k;
                    if (one.ValueAt(at) is { } value)
                        WriteSample(writer, family.Key.Name, labels, value, at);
                }
            }
        }

        writer.Write("# HELP ALERTS Alert state written by Prometheus' rule manager.\n# TYPE ALERTS gauge\n");
        for (var at = story.AlertActiveAt; at <= story.Now; at += DemoStory.Interval)
        {
            var state = at < story.AlertFiringAt ? "pending" : "firing";
            WriteSample(writer, "ALERTS", AlertLabels(state), 1, at);
        }

        writer.Write("# HELP ALERTS_FOR_STATE When each alert became active, for restoring 'for' state after a restart.\n# TYPE ALERTS_FOR_STATE gauge\n");
        for (var at = story.AlertActiveAt; at <= story.Now; at += DemoStory.Interval)
            WriteSample(writer, "ALERTS_FOR_STATE", AlertLabels(null), story.AlertActiveAt.ToUnixTimeSeconds(), at);
        writer.Write("# EOF\n");
    }

    /// <summary>The alert's labels as Prometheus writes them: alertname, the expression's labels and the rule's.</summary>
    private static string AlertLabels(string? state) => state is null
        ? $"{{alertname=\"{DemoStory.PaymentsAlert}\",service=\"{DemoStory.PaymentsService}\",severity=\"critical\"}}"
        : $"{{alertname=\"{DemoStory.PaymentsAlert}\",alertstate=\"{state}\",service=\"{DemoStory.PaymentsService}\",severity=\"critical\"}}";

    private static void WriteSample(TextWriter writer, string name, string labels, double value, DateTimeOffset at)
    {
        writer.Write(name);
        writer.Write(labels);
        writer.Write(' ');
        writer.Write(value.ToString("R", CultureInfo.InvariantCulture));
        writer.Write(' ');
        writer.Write(at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        writer.Write('\n');
    }
}
