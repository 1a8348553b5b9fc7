using System.Globalization;
using System.Text;

namespace SreSuite.MonitoringFixture;

public enum MetricKind
{
    Counter,
    Gauge,
}

/// <summary>A metric family of the demo: its name, type and help, as both the backfill and the live exporter write them.</summary>
public sealed record DemoFamily(string Name, MetricKind Kind, string Help);

/// <summary>
/// One deterministic series. Its value at any time after the start of the history is a function of the story
/// alone, so backfilled history and live samples join without a seam.
/// </summary>
public sealed class DemoSeries
{
    private readonly DemoStory _story;
    private readonly Func<DateTimeOffset, double> _rateOrValue;
    private readonly object _gate = new();
    private readonly List<double> _cumulative = [];
    private readonly ulong _seed;
    private readonly double _noise;
    private readonly bool _exact;

    /// <param name="rateOrValue">Per-second rate of a counter, or the value of a gauge, at a time (before noise).</param>
    /// <param name="noise">Relative noise, e.g. 0.1 for ±10% per 15 s step.</param>
    /// <param name="firstSample">No sample before this time (a pod created by the deploy).</param>
    /// <param name="exact">True when <paramref name="rateOrValue"/> gives a counter's total rather than its rate.</param>
    public DemoSeries(DemoStory story, DemoFamily family, IReadOnlyDictionary<string, string> labels, Func<DateTimeOffset, double> rateOrValue, double noise,
        DateTimeOffset? firstSample = null, bool exact = false)
    {
        ArgumentNullException.ThrowIfNull(story);
        ArgumentNullException.ThrowIfNull(family);
        _exact = exact;
        _story = story;
        Family = family;
        Labels = labels;
        _rateOrValue = rateOrValue;
        _noise = noise;
        FirstSample = firstSample ?? story.HistoryStart;
        _seed = Fnv1a(family.Name + LabelText(labels));
    }

    public DemoFamily Family { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public DateTimeOffset FirstSample { get; }

    /// <summary>The labels in exposition form: <c>{code="200",service="x"}</c>, sorted by name.</summary>
    public string LabelText() => LabelText(Labels);

    /// <summary>The value at <paramref name="time"/>, or null before the series exists.</summary>
    public double? ValueAt(DateTimeOffset time)
    {
        if (time < FirstSample)
            return null;
        var position = (time - _story.HistoryStart) / DemoStory.Interval;
        var step = (long)Math.Floor(position);
        if (Family.Kind == MetricKind.Gauge)
            return _rateOrValue(time) * (1 + _noise * Noise(step));
        if (_exact)
            return _rateOrValue(time);

        var before = Cumulative(step);
        var next = Cumulative(step + 1);
        return before + (next - before) * (position - step);
    }

    private double Cumulative(long step)
    {
        lock (_gate)
        {
            if (_cumulative.Count == 0)
                _cumulative.Add(Math.Round(1000 + 9000 * (0.5 + 0.5 * Noise(-1))));
            while (_cumulative.Count <= step)
            {
                var k = _cumulative.Count;
                var at = _story.HistoryStart + DemoStory.Interval * k;
                var increment = at <= FirstSample ? 0 : _rateOrValue(at) * DemoStory.Interval.TotalSeconds * (1 + _noise * Noise(k));
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
            var z = _seed + (ulong)step * 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) / (double)(1UL << 53) * 2 - 1;
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

    private static string LabelText(IReadOnlyDictionary<string, string> labels) =>
        "{" + string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";
}

/// <summary>The demo's series: request counters, memory gauges, processor errors and crash-loop restarts.</summary>
public static class DemoMetrics
{
    public const string Job = "kubernetes-pods";

    public static DemoFamily Requests { get; } = new("http_requests_total", MetricKind.Counter, "HTTP requests served, by service and status code.");

    public static DemoFamily Memory { get; } = new("process_resident_memory_bytes", MetricKind.Gauge, "Resident memory size in bytes.");

    public static DemoFamily ProcessorErrors { get; } = new("payments_processor_errors_total", MetricKind.Counter, "Errors returned by the upstream card processor.");

    public static DemoFamily Restarts { get; } = new("kube_pod_container_status_restarts_total", MetricKind.Counter, "The number of container restarts per container.");

    public static IReadOnlyList<DemoFamily> Families { get; } = [Requests, Memory, ProcessorErrors, Restarts];

    /// <summary>New pods of the bad ReplicaSet, crash-looping since T_deploy (the cluster's names; the consistency test checks them).</summary>
    public static IReadOnlyList<string> CrashLoopingPods { get; } = ["payments-api-cddztzj4wj-ztzzq", "payments-api-cddztzj4wj-447hz"];

    private static readonly Dictionary<string, double> RequestRate = new()
    {
        ["payments-api"] = 12,
        ["checkout-web"] = 30,
        ["inventory-service"] = 18,
        ["shipping-api"] = 8,
        ["identity-api"] = 45,
    };

    private static readonly Dictionary<string, double> CodeShare = new() { ["200"] = 0.975, ["404"] = 0.02, ["500"] = 0.004, ["503"] = 0.001 };

    private static readonly Dictionary<string, double> ResidentMemory = new()
    {
        ["payments-api"] = 210e6,
        ["checkout-web"] = 420e6,
        ["inventory-service"] = 340e6,
        ["shipping-api"] = 150e6,
        ["identity-api"] = 260e6,
    };

    public static IReadOnlyList<DemoSeries> For(DemoStory story)
    {
        ArgumentNullException.ThrowIfNull(story);
        var series = new List<DemoSeries>();
        for (var s = 0; s < DemoStory.Services.Count; s++)
        {
            var service = DemoStory.Services[s];
            for (var n = 0; n < 2; n++)
            {
                var replica = n;
                var instance = string.Create(CultureInfo.InvariantCulture, $"10.42.{s + 1}.{n + 11}:8080");
                foreach (var code in DemoStory.Codes)
                {
                    var labels = new Dictionary<string, string> { ["job"] = Job, ["instance"] = instance, ["service"] = service, ["code"] = code };
                    series.Add(new DemoSeries(story, Requests, labels, at => RequestsPerSecond(story, service, code, at), 0.1));
                }

                var pod = new Dictionary<string, string> { ["job"] = Job, ["instance"] = instance, ["service"] = service };
                series.Add(new DemoSeries(story, Memory, pod, at => MemoryBytes(story, service, replica, at), service == DemoStory.LeakingService ? 0.005 : 0.015));
                if (service == DemoStory.PaymentsService)
                    series.Add(new DemoSeries(story, ProcessorErrors, pod, _ => 0.02, 0.1));
            }
        }

        foreach (var pod in CrashLoopingPods)
        {
            var labels = new Dictionary<string, string>
            {
                ["job"] = "kube-state-metrics", ["instance"] = "10.42.0.5:8080", ["namespace"] = "payments", ["pod"] = pod, ["container"] = "payments-api",
            };
            // Back-off settles at one restart every five minutes.
            series.Add(new DemoSeries(story, Restarts, labels, at => Math.Floor((at - story.Deploy) / TimeSpan.FromMinutes(5)) + 1, 0, story.Deploy, exact: true));
        }

        return series;
    }

    /// <summary>Per-second request rate of one instance; payments-api 5xx jump and 200s drop at T_deploy.</summary>
    public static double RequestsPerSecond(DemoStory story, string service, string code, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(story);
        var rate = RequestRate[service] * CodeShare[code] * Diurnal(at);
        if (service != DemoStory.PaymentsService || at <= story.Deploy)
            return rate;
        return code switch
        {
            "200" => rate * 0.7,
            "500" => 2.0,
            "503" => 1.2,
            _ => rate,
        };
    }

    /// <summary>Resident memory of one instance; inventory-service leaks about 20 MB an hour.</summary>
    public static double MemoryBytes(DemoStory story, string service, int instance, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(story);
        var baseline = ResidentMemory[service] - instance * 10e6;
        if (service != DemoStory.LeakingService)
            return baseline;
        var hours = (at - story.HistoryStart).TotalHours;
        return baseline + (instance == 0 ? 22e6 : 19e6) * hours;
    }

    /// <summary>Daily traffic shape: ±12% around the mean, busiest at noon UTC.</summary>
    private static double Diurnal(DateTimeOffset at) =>
        1 + 0.12 * Math.Sin(2 * Math.PI * (at.UtcDateTime.TimeOfDay.TotalSeconds / 86400 - 0.25));
}
