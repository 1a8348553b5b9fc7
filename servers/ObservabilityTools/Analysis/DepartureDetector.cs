namespace SreSuite.ObservabilityTools.Analysis;

/// <summary>A stretch where a series sits sharply away from its baseline: a spike, a step up, a drop.</summary>
/// <param name="StartIndex">First departing point.</param>
/// <param name="EndIndex">Last departing point.</param>
/// <param name="Ongoing">True when the departure lasts to the end of the window.</param>
/// <param name="Baseline">The level before the departure.</param>
public sealed record Departure(int StartIndex, int EndIndex, int PeakIndex, double Peak, double Baseline, bool Ongoing)
{
    public bool IsRise => Peak > Baseline;

    /// <summary>How far the peak is from the baseline, relative to the baseline (or absolute when it is zero).</summary>
    public double Magnitude => Baseline != 0 ? Math.Abs(Peak - Baseline) / Math.Abs(Baseline) : Math.Abs(Peak);
}

/// <summary>
/// Finds departures. The baseline of each point is the median of the recent points that were not departing,
/// so a slow drift is followed (and not reported) while a sharp move is; during a departure the baseline is
/// frozen, so a step that never comes back is reported as one ongoing departure, not absorbed.
/// A point departs when it is further from the baseline than both <see cref="NoiseMultiple"/> times the
/// noise and <see cref="RelativeFloor"/> of the baseline.
/// </summary>
public static class DepartureDetector
{
    public const double NoiseMultiple = 6;
    public const double RelativeFloor = 0.25;

    private const int MinimumPoints = 8;
    private const int MinimumWindow = 5;
    private const int MaximumWindow = 240;

    public static IReadOnlyList<Departure> Find(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var indices = new List<int>();
        for (var i = 0; i < values.Count; i++)
        {
            if (double.IsFinite(values[i]))
                indices.Add(i);
        }

        if (indices.Count < MinimumPoints)
            return [];

        var present = indices.Select(i => values[i]).ToArray();
        var noise = Robust.NoiseSigma(present);
        var window = Math.Clamp(present.Length / 12, MinimumWindow, MaximumWindow);
        // Leaving a departure needs a few calm points in a row, so noise at the edge does not split it.
        var calmToClose = Math.Max(2, window / 10);
        var recent = new RollingMedian(window);
        foreach (var value in present.Take(Math.Min(window, Math.Max(MinimumWindow, present.Length / 10))))
            recent.Add(value);
        var baseline = recent.Median;

        var found = new List<Departure>();
        Open? open = null;
        var calm = new List<double>();
        for (var k = 0; k < present.Length; k++)
        {
            var value = present[k];
            var reference = open?.Baseline ?? baseline;
            var departs = Math.Abs(value - reference) > Threshold(reference, noise);
            if (departs && open is not null && (value > reference) != open.Rise)
            {
                Close(open);
                open = null;
                reference = baseline;
                departs = Math.Abs(value - reference) > Threshold(reference, noise);
            }

            if (departs)
            {
                open ??= new Open(k, reference, value > reference);
                open.Last = k;
                if (Math.Abs(value - reference) > Math.Abs(present[open.Peak] - reference))
                    open.Peak = k;
                calm.Clear();
                continue;
            }

            if (open is null)
            {
                Remember(value);
                continue;
            }

            calm.Add(value);
            if (calm.Count >= calmToClose)
            {
                Close(open);
                open = null;
            }
        }

        if (open is not null)
            Close(open);
        return found;

        void Remember(double value)
        {
            recent.Add(value);
            baseline = recent.Median;
        }

        void Close(Open departure)
        {
            var ongoing = departure.Last == present.Length - 1;
            var length = departure.Last - departure.First + 1;
            var peak = present[departure.Peak];
            // A lone departing point is noise unless it is far out or is the newest point.
            if (length > 1 || ongoing || Math.Abs(peak - departure.Baseline) > 2 * Threshold(departure.Baseline, noise))
            {
                found.Add(new Departure(indices[departure.First], indices[departure.Last], indices[departure.Peak], peak, departure.Baseline, ongoing));
            }

            foreach (var value in calm)
                Remember(value);
            calm.Clear();
        }
    }

    private static double Threshold(double baseline, double noise) =>
        Math.Max(Math.Max(NoiseMultiple * noise, RelativeFloor * Math.Abs(baseline)), 1e-12);

    private sealed class Open(int first, double baseline, bool rise)
    {
        public int First { get; } = first;

        public double Baseline { get; } = baseline;

        public bool Rise { get; } = rise;

        public int Last { get; set; } = first;

        public int Peak { get; set; } = first;
    }
}
