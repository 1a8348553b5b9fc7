using System.Globalization;
using System.Text;
using SreSuite.Scenarios;

namespace SreSuite.MonitoringFixture;

public enum MetricKind
{
    Counter,
    Gauge,
}

/// <summary>A metric family as both the backfill and the live exporter write it: name, type and help.</summary>
public sealed record MetricFamily(string Name, MetricKind Kind, string Help);

/// <summary>
/// One scenario series (metrics/*.yaml) played as a function of time, so the backfilled history and the live samples
/// join without a seam. A generator's noise is deterministic (seeded by the series' labels); a counter generator's
/// value is the running total of its per-second rate, interpolated between grid points so it never goes back.
/// Samples are played as given; the live exporter keeps a sampled series only while its last sample is recent.
/// </summary>
public sealed class PlayedSeries
{
    /// <summary>How long after its last sample a sampled series is still served live (Prometheus' lookback).</summary>
    public static TimeSpan SampleLifetime { get; } = TimeSpan.FromMinutes(5);

    private readonly MetricSeries _source;
    private readonly MetricGenerator? _generator;
    private readonly object _gate = new();
    private readonly List<double> _cumulative = [];
    private readonly ulong _seed;
    private readonly DateTimeOffset _now;

    public PlayedSeries(MetricSeries source, MetricFamily family, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(family);
        _source = source;
        _generator = source.Generator;
        _now = now;
        Family = family;
        var labels = source.Labels.Where(l => l.Key != "__name__").ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        // The live scrape gives a series without a job the exporter's; the backfill must say the same, or the series
        // would split at the run's start. (A missing instance is kept missing by the scrape's relabelling.)
        labels.TryAdd("job", ScenarioMetrics.Job);
        Labels = labels;
        _seed = Fnv1a(family.Name + LabelText(Labels));
        FirstSample = _generator?.Start ?? source.Samples.Min(s => s.At);
    }

    public MetricFamily Family { get; }

    /// <summary>The labels without <c>__name__</c>.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    public DateTimeOffset FirstSample { get; }

    /// <summary>The labels in exposition form: <c>{code="200",service="x"}</c>, sorted by name.</summary>
    public string LabelText() => LabelText(Labels);

    /// <summary>The backfill: every sample from the first to the run's now (a generator's on its grid).</summary>
    public IEnumerable<(DateTimeOffset At, double Value)> History()
    {
        if (_generator is null)
        {
            foreach (var sample in _source.Samples.Where(s => s.At <= _now).OrderBy(s => s.At))
                yield return sample;
            yield break;
        }

        var end = _generator.End < _now ? _generator.End : _now;
        for (var at = _generator.Start; at <= end; at += _generator.Interval)
        {
            if (ValueAt(at) is { } value)
                yield return (at, value);
        }
    }

    /// <summary>The value a live scrape at <paramref name="time"/> sees, or null when the series does not exist then.</summary>
    public double? LiveValueAt(DateTimeOffset time)
    {
        if (_generator is null)
        {
            var last = _source.Samples.Where(s => s.At <= time).OrderBy(s => s.At).LastOrDefault();
            return last == default || time - last.At > SampleLifetime ? null : last.Value;
        }

        // A generator that ended before the run's now (a pod that went away) is not continued.
        return _generator.End < _now && time > _generator.End ? null : ValueAt(time);
    }

    /// <summary>The value at <paramref name="time"/>, or null before the series exists.</summary>
    public double? ValueAt(DateTimeOffset time)
    {
        if (_generator is not { } g)
        {
            var last = _source.Samples.Where(s => s.At <= time).OrderBy(s => s.At).LastOrDefault();
            return last == default ? null : last.Value;
        }

        if (time < g.Start)
            return null;
        var position = (time - g.Start) / g.Interval;
        var step = (long)Math.Floor(position);
        if (!g.Counter)
        {
            var value = g.LevelAt(time) * (1 + (g.Noise * Noise(step)));
            return g.WholeNumbers ? Math.Floor(value) : value;
        }

        var before = Cumulative(g, step);
        var next = Cumulative(g, step + 1);
        return before + ((next - before) * (position - step));
    }

    private double Cumulative(MetricGenerator g, long step)
    {
        lock (_gate)
        {
            // A counter starts somewhere between 1,000 and 10,000, as a process that has run a while does.
            if (_cumulative.Count == 0)
                _cumulative.Add(Math.Round(1000 + (9000 * (0.5 + (0.5 * Noise(-1))))));
            while (_cumulative.Count <= step)
            {
                var k = _cumulative.Count;
                var at = g.Start + (g.Interval * k);
                var increment = g.LevelAt(at) * g.Interval.TotalSeconds * (1 + (g.Noise * Noise(k)));
                _cumulative.Add(_cumulative[^1] + Math.Max(0, increment));
            }

            return _cumulative[(int)Math.Max(0, step)];
        }
    }

    /// <summary>Deterministic noise in [-1, 1] for a step of this series (SplitMix64 of seed and step).</summary>
    private double Noise(long step)
    {
        unchecked
        {
            var z = _seed + ((ulong)step * 0x9E3779B97F4A7C15UL);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return ((z >> 11) / (double)(1UL << 53) * 2) - 1;
        }
    }

    private static ulong Fnv1a(string text)
    {
        unchecked
        {
            var hash = 14695981039346656037UL;
            foreach (var b in Encoding.UTF8.GetBytes(text))
                hash = (hash ^ b) * 1099511628211UL;
            return hash;
        }
    }

    internal static string LabelText(IReadOnlyDictionary<string, string> labels) =>
        "{" + string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{Escape(l.Value)}\"")) + "}";

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}

/// <summary>A scenario's metric series, ready to play: families typed (a counter generator, or a sampled <c>*_total</c>), help from the files.</summary>
public static class ScenarioMetrics
{
    /// <summary>The scrape job of the live exporter; series keep their own job labels (honor_labels).</summary>
    public const string Job = "kubernetes-pods";

    public static IReadOnlyList<PlayedSeries> For(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var families = new Dictionary<string, MetricFamily>(StringComparer.Ordinal);
        var played = new List<PlayedSeries>();
        foreach (var series in scenario.Metrics)
        {
            var name = series.Labels["__name__"];
            if (!families.TryGetValue(name, out var family))
            {
                // OpenMetrics counters are named <family>_total; anything else is played as a gauge. A counter generator
                // integrates its rate; other _total series give the total itself (a restart count).
                var counter = name.EndsWith("_total", StringComparison.Ordinal);
                var help = scenario.MetricHelp.TryGetValue(name, out var text) ? text : string.Create(CultureInfo.InvariantCulture, $"{name} (scenario {scenario.Name}).");
                family = new MetricFamily(name, counter ? MetricKind.Counter : MetricKind.Gauge, help);
                families[name] = family;
            }

            played.Add(new PlayedSeries(series, family, scenario.Clock.Now));
        }

        return played;
    }
}
