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
/// </summary>
/// <param name="RelativeChange">The line's rise over the window divided by the series' typical level.</param>
/// <param name="Tau">Kendall's tau of the points, from -1 (always falling) to 1 (always rising).</param>
public sealed record Trend(TrendDirection Direction, double SlopePerSecond, double RelativeChange, double Tau)
{
    public const double MinimumChange = 0.2;
    public const double MinimumTau = 0.7;

    // Pairs grow with the square of the points; 200 points (19,900 pairs) pin slope and tau well enough.
    private const int MaxPoints = 200;

    public static Trend Steady { get; } = new(TrendDirection.Steady, 0, 0, 0);

    /// <param name="departures">Stretches left out of the estimate: they are reported on their own.</param>
    public static Trend Of(IReadOnlyList<double> values, TimeSpan step, IReadOnlyList<Departure>? departures = null)
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
        return new Trend(direction, slopePerIndex / step.TotalSeconds, change, tau);
    }
}
