using System.Globalization;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ObservabilityTools.Analysis;

/// <summary>The window and resolution of one range query, checked before anything is sent to Prometheus.</summary>
/// <param name="StepChosen">True when the server chose the step (the caller gave none).</param>
public sealed record RangePlan(DateTimeOffset Start, DateTimeOffset End, TimeSpan Step, bool StepChosen)
{
    /// <summary>Prometheus refuses a range query when (end - start) / step exceeds this (web/api/v1/api.go).</summary>
    public const int PrometheusMaxResolution = 11_000;

    private static readonly TimeSpan[] NiceSteps =
    [
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10),
        TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(3), TimeSpan.FromHours(6),
        TimeSpan.FromHours(12), TimeSpan.FromDays(1), TimeSpan.FromDays(2), TimeSpan.FromDays(7),
    ];

    /// <summary>Points each series has: Prometheus evaluates at start, start + step, … up to end.</summary>
    public int Points => (int)((End - Start).Ticks / Step.Ticks) + 1;

    /// <summary>
    /// Plans a query over [start, end]. Without a step, picks the smallest round step that gives each series at
    /// most <paramref name="maxPoints"/> points. With one, refuses it when Prometheus would (more than 11,000 steps),
    /// saying which step would work.
    /// </summary>
    public static RangePlan Create(DateTimeOffset start, DateTimeOffset end, TimeSpan? step, int maxPoints)
    {
        if (end <= start)
            throw new ToolInputException("start", $"start ({Ages.Timestamp(start)}) must be before end ({Ages.Timestamp(end)}).");
        var range = end - start;
        if (step is not { } given)
            return new RangePlan(start, end, RoundUp(range / Math.Max(1, maxPoints - 1)), StepChosen: true);

        if (given <= TimeSpan.Zero)
            throw new ToolInputException("step", "must be positive, e.g. 30s or 5m.");
        var steps = range.Ticks / given.Ticks;
        if (steps > PrometheusMaxResolution)
        {
            var smallest = RoundUp(range / PrometheusMaxResolution);
            throw new ToolInputException("step",
                string.Create(CultureInfo.InvariantCulture,
                    $"{PromDuration.Format(range)} at step {PromDuration.Format(given)} is {steps + 1:N0} points per series; Prometheus refuses more than {PrometheusMaxResolution:N0}. Use step {PromDuration.Format(smallest)} or larger, a shorter range, or omit step to let the server choose."));
        }

        return new RangePlan(start, end, given, StepChosen: false);
    }

    /// <summary>The smallest round step at least <paramref name="minimum"/> long.</summary>
    public static TimeSpan RoundUp(TimeSpan minimum)
    {
        foreach (var nice in NiceSteps)
        {
            if (nice >= minimum)
                return nice;
        }

        return TimeSpan.FromDays(Math.Ceiling(minimum.TotalDays));
    }
}
