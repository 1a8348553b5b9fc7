namespace SreSuite.ObservabilityTools.Analysis;

public enum TrendDirection
{
    Steady,
    Rising,
    Falling,
}

/// <summary>
/// The slow direction of a series, apart from its sharp departures: rising or falling when the points move
/// consistently one way (Kendall's tau, the balance of pairs that rise over pairs that fall, is at least
/// <see cref="MinimumTau"/>) and the Theil–Sen line (the median of pairwise slopes) moves by at least
/// <see cref="MinimumChange"/> of the typical level over the window. A daily cycle seen over a day moves
/// both ways and stays steady; a leak climbs every hour and is rising.
/// <para>
/// When the series has a known limit (a container's memory limit, a disk's capacity), a slow climb matters long
/// before it reaches a fifth of the level: the change is then measured against the headroom left at the start of
/// the window, so memory going 750 → 881 MB under a 1 GiB limit (40% of the headroom in six hours) is rising, and
/// the answer projects when the line reaches the limit.
/// </para>
/// </summary>
/// <param name="RelativeChange">The line's rise over the window divided by the series' typical level.</param>
/// <param name="Tau">Kendall's tau of the points, from -1 (always falling) to 1 (always rising).</param>
/// <param name="Limit">The limit the series was measured against, when known.</param>
/// <param name="TimeToLimit">When the line, continued from the last point, reaches <paramref name="Limit"/>; null when it never does.</param>
public sealed record Trend(TrendDirection Direction, double SlopePerSecond, double RelativeChange, double Tau, double? Limit = null, TimeSpan? TimeToLimit = null)
{
    public const double MinimumChange = 0.2;
    public const double MinimumTau = 0.7;

    // Pairs grow with the square of the points; 200 points (19,900 pairs) pin slope and tau well enough.
    private const int MaxPoints = 200;

    public static Trend Steady { get; } = new(TrendDirection.Steady, 0, 0, 0);

    /// <param name="departures">Stretches left out of the estimate: they are reported on their own.</param>
    /// <param name="limit">A value the series must not reach (memory limit, capacity; 0 for a free-space series), or null.</param>
    public static Trend Of(IReadOnlyList<double> values, TimeSpan step, IReadOnlyList<Departure>? departures = null, double? limit = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var points = new List<(double X, double Y)>();
        for (var i = 0; i < values.Count; i++)
        {
            if (double.IsFinite(values[i]) && departures?.Any(d => i >= d.StartIndex && i <= d.EndIndex) != true)
                points.Add((i, values[i]));
        }

        if (points.Count < 3)
            return Steady;
        if (points.Count > MaxPoints)
        {
            var stride = (double)(points.Count - 1) / (MaxPoints - 1);
            points = [.. Enumerable.Range(0, MaxPoints).Select(k => points[(int)Math.Round(k * stride)])];
        }

        var slopes = new List<double>(points.Count * (points.Count - 1) / 2);
        var balance = 0;
        for (var i = 0; i < points.Count; i++)
        {
            for (var j = i + 1; j < points.Count; j++)
            {
                var rise = points[j].Y - points[i].Y;
                slopes.Add(rise / (points[j].X - points[i].X));
                balance += Math.Sign(rise);
            }
        }

        var tau = (double)balance / slopes.Count;
        var slopePerIndex = Robust.Median(slopes);
        var span = points[^1].X - points[0].X;
        var level = Math.Abs(Robust.Median(points.Select(p => p.Y).ToArray()));
        var scale = level > 0 ? level : points.Max(p => Math.Abs(p.Y));
        var change = scale > 0 ? slopePerIndex * span / scale : 0;
        var direction = Math.Abs(change) < MinimumChange || Math.Abs(tau) < MinimumTau ? TrendDirection.Steady
            : change > 0 ? TrendDirection.Rising
            : TrendDirection.Falling;
        var slopePerSecond = slopePerIndex / step.TotalSeconds;
        if (limit is not { } bound || !double.IsFinite(bound))
            return new Trend(direction, slopePerSecond, change, tau);

        // The Theil–Sen line through the median point, read at the window's first and last points.
        var intercept = Robust.Median(points.Select(p => p.Y - slopePerIndex * p.X).ToArray());
        var startValue = intercept + slopePerIndex * points[0].X;
        var endValue = intercept + slopePerIndex * points[^1].X;
        var headroom = bound - startValue;
        var towardLimit = headroom != 0 && Math.Sign(slopePerIndex) == Math.Sign(headroom);
        if (direction == TrendDirection.Steady && towardLimit && Math.Abs(tau) >= MinimumTau && slopePerIndex * span / headroom >= MinimumChange)
            direction = slopePerIndex > 0 ? TrendDirection.Rising : TrendDirection.Falling;
        TimeSpan? timeToLimit = null;
        if (direction != TrendDirection.Steady && towardLimit)
        {
            var seconds = Math.Max(0, (bound - endValue) / slopePerSecond);
            timeToLimit = seconds < TimeSpan.MaxValue.TotalSeconds / 2 ? TimeSpan.FromSeconds(seconds) : null;
        }

        return new Trend(direction, slopePerSecond, change, tau, bound, timeToLimit);
    }
}
