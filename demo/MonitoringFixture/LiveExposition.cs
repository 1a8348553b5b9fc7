using System.Globalization;
using System.Text;

namespace SreSuite.MonitoringFixture;

/// <summary>A scenario's series at one instant in Prometheus' text format, for the live exporter Prometheus scrapes.</summary>
public static class LiveExposition
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Render(IReadOnlyList<PlayedSeries> series, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(series);
        var text = new StringBuilder();
        foreach (var family in series.GroupBy(s => s.Family))
        {
            text.Append("# HELP ").Append(family.Key.Name).Append(' ').Append(family.Key.Help).Append('\n');
            text.Append("# TYPE ").Append(family.Key.Name).Append(' ').Append(family.Key.Kind == MetricKind.Counter ? "counter" : "gauge").Append('\n');
            foreach (var one in family)
            {
                if (one.LiveValueAt(at) is { } value)
                    text.Append(family.Key.Name).Append(one.LabelText()).Append(' ').Append(double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        return text.ToString();
    }
}
