namespace SreSuite.ObservabilityTools.Analysis;

public enum TrendDirection
{
    Steady,
    Rising,
    Falling,
}

/// <summary>
/// The overall direction of a series: a Theil–Sen line (the median of the slopes between pairs of points), which
/// an incident spike covering a minority of the window does not tilt. <see cref="RelativeChange"/> is the line's
/// rise over the whole window divided by the series' typical level.
/// </summary>
public sealed record Trend(TrendDirection Direction, double SlopePerSecond, double RelativeChange)
{
    /// <summary>A line that moves by at least this share of the typical level over the window is a trend.</summary>
    public const double Threshold = 0.2;

    // Pairs grow with the square of the points; 200 points (19,900 pairs) pin the slope well enough.
    private const int MaxPoints = 200;

    public static Trend Steady { get; } = new(TrendDirection.Steady, 0, 0);

    public static Trend Of(IReadOnlyList<double> values, TimeSpan step)
    {
        ArgumentNullException.ThrowIfNull(values);
        var points = new List<(double X, double Y)>();
        for (var i = 0; i < values.Count; i++)
        {
            if (double.IsFinite(values[i]))
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
        for (var i = 0; i < points.Count; i++)
        {
            for (var j = i + 1; j < points.Count; j++)
                slopes.Add((points[j].Y - points[i].Y) / (points[j].X - points[i].X));
        }

        var slopePerIndex = Robust.Median(slopes);
        var span = points[^1].X - points[0].X;
        var level = Math.Abs(Robust.Median(points.Select(p => p.Y).ToArray()));
        var scale = level > 0 ? level : points.Max(p => Math.Abs(p.Y));
        var change = scale > 0 ? slopePerIndex * span / scale : 0;
        var direction = change >= Threshold ? TrendDirection.Rising
            : change <= -Threshold ? TrendDirection.Falling
            : TrendDirection.Steady;
        return new Trend(direction, slopePerIndex / step.TotalSeconds, change);
    }
}
