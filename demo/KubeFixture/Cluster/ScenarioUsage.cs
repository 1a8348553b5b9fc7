using SreSuite.Scenarios;

namespace SreSuite.KubeFixture.Cluster;

/// <summary>
/// Container usage as the scenario's own series tell it, for metrics.k8s.io: CPU from cAdvisor's
/// <c>container_cpu_usage_seconds_total</c> (its rate, in cores) and memory from
/// <c>container_memory_working_set_bytes</c>, the two series metrics-server itself reads from the kubelet. Without
/// them, the fixture derives usage from the pod's requests and limits, so Prometheus and <c>kubectl top</c> would
/// disagree about a pod that burns seven cores on a 250m request.
/// </summary>
public sealed class ScenarioUsage
{
    private const string CpuMetric = "container_cpu_usage_seconds_total";
    private const string MemoryMetric = "container_memory_working_set_bytes";

    /// <summary>How long a sampled series keeps its last value (Prometheus' staleness: five minutes).</summary>
    private static readonly TimeSpan Stale = TimeSpan.FromMinutes(5);

    private readonly Dictionary<(string Namespace, string Pod, string Container), MetricSeries> _cpu;
    private readonly Dictionary<(string Namespace, string Pod, string Container), MetricSeries> _memory;

    private readonly DateTimeOffset _start;

    /// <param name="series">The scenario's series.</param>
    /// <param name="start">The run's now when the scenario was loaded: a generator that ended before it (a pod that went away) is not continued, as in the demo's Prometheus.</param>
    public ScenarioUsage(IEnumerable<MetricSeries> series, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(series);
        _cpu = ByContainer(series, CpuMetric);
        _memory = ByContainer(series, MemoryMetric);
        _start = start;
    }

    /// <summary>True when the scenario has a usage series for any container.</summary>
    public bool Any => _cpu.Count > 0 || _memory.Count > 0;

    /// <summary>Cores a container uses at <paramref name="now"/> (the counter's per-second rate), or null without a live series.</summary>
    public double? Cores(string ns, string pod, string container, DateTimeOffset now) =>
        _cpu.TryGetValue((ns, pod, container), out var series) ? Rate(series, now) : null;

    /// <summary>Working-set bytes of a container at <paramref name="now"/>, or null without a live series.</summary>
    public double? Bytes(string ns, string pod, string container, DateTimeOffset now) =>
        _memory.TryGetValue((ns, pod, container), out var series) ? Level(series, now) : null;

    private static Dictionary<(string, string, string), MetricSeries> ByContainer(IEnumerable<MetricSeries> series, string metric)
    {
        var found = new Dictionary<(string, string, string), MetricSeries>();
        foreach (var s in series)
        {
            if (s.Labels.TryGetValue("__name__", out var name) && name == metric
                && s.Labels.TryGetValue("namespace", out var ns) && s.Labels.TryGetValue("pod", out var pod) && s.Labels.TryGetValue("container", out var container)
                && container is not ("" or "POD"))
                found.TryAdd((ns, pod, container), s);
        }

        return found;
    }

    /// <summary>A counter's per-second rate: a generator's level, or the slope between the last two samples.</summary>
    private double? Rate(MetricSeries series, DateTimeOffset now)
    {
        if (series.Generator is { } generator)
        {
            if (!Live(generator, now))
                return null;
            // A counter generator's level is its rate; one without `counter: true` generates the running total.
            return generator.Counter ? Math.Max(0, generator.LevelAt(now)) : Slope(generator, now);
        }

        var samples = series.Samples.Where(s => s.At <= now && !double.IsNaN(s.Value)).TakeLast(2).ToList();
        if (samples.Count < 2 || now - samples[1].At > Stale || samples[1].At <= samples[0].At)
            return null;
        // A counter reset (a restarted container) counts from zero, as rate() does.
        var increase = samples[1].Value >= samples[0].Value ? samples[1].Value - samples[0].Value : samples[1].Value;
        return increase / (samples[1].At - samples[0].At).TotalSeconds;
    }

    private bool Live(MetricGenerator generator, DateTimeOffset now) => now >= generator.Start && !(generator.End < _start && now > generator.End);

    private static double Slope(MetricGenerator generator, DateTimeOffset now)
    {
        var window = TimeSpan.FromMinutes(1);
        return Math.Max(0, (generator.LevelAt(now) - generator.LevelAt(now - window)) / window.TotalSeconds);
    }

    /// <summary>A gauge's value: a generator's level, or the last sample within the staleness window.</summary>
    private double? Level(MetricSeries series, DateTimeOffset now)
    {
        if (series.Generator is { } generator)
            return Live(generator, now) ? Math.Max(0, generator.LevelAt(now)) : null;
        var last = series.Samples.LastOrDefault(s => s.At <= now && !double.IsNaN(s.Value));
        return last == default || now - last.At > Stale ? null : last.Value;
    }
}
