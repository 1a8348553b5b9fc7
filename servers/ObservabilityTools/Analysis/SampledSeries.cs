namespace SreSuite.ObservabilityTools.Analysis;

/// <summary>
/// One series of a range query laid on its step grid: <c>Values[i]</c> is the value at <c>Start + i * Step</c>,
/// <see cref="double.NaN"/> where Prometheus returned no point (or a NaN, which carries no value either).
/// </summary>
public sealed class SampledSeries
{
    public SampledSeries(IReadOnlyDictionary<string, string> labels, DateTimeOffset start, TimeSpan step, double[] values)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(values);
        if (step <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(step), "step must be positive");
        Labels = labels;
        Start = start;
        Step = step;
        Values = values;
    }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public DateTimeOffset Start { get; }

    public TimeSpan Step { get; }

    public IReadOnlyList<double> Values { get; }

    public DateTimeOffset TimeAt(int index) => Start + Step * index;

    /// <summary>Lays (unix seconds, value) points on the grid of <paramref name="plan"/>; points off the grid are rounded to it.</summary>
    public static SampledSeries FromPoints(IReadOnlyDictionary<string, string> labels, RangePlan plan, IEnumerable<(double UnixSeconds, double Value)> points)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(points);
        var values = new double[plan.Points];
        Array.Fill(values, double.NaN);
        var start = plan.Start.ToUnixTimeMilliseconds() / 1000.0;
        var step = plan.Step.TotalSeconds;
        foreach (var (time, value) in points)
        {
            var index = (long)Math.Round((time - start) / step);
            if (index >= 0 && index < values.Length && double.IsFinite(value))
                values[index] = value;
        }

        return new SampledSeries(labels, plan.Start, plan.Step, values);
    }
}
