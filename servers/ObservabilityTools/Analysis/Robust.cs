namespace SreSuite.ObservabilityTools.Analysis;

/// <summary>Statistics that a few wild points cannot drag: medians rather than means.</summary>
public static class Robust
{
    /// <summary>Scales a median absolute deviation to the standard deviation of normal noise.</summary>
    public const double MadToSigma = 1.4826;

    public static double Median(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
            return double.NaN;
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// The noise of a series, estimated from the differences of consecutive values: a level shift or a slow
    /// trend barely moves it, so a sharp departure still stands out against it.
    /// </summary>
    public static double NoiseSigma(IReadOnlyList<double> present)
    {
        ArgumentNullException.ThrowIfNull(present);
        if (present.Count < 3)
            return 0;
        var differences = new double[present.Count - 1];
        for (var i = 1; i < present.Count; i++)
            differences[i - 1] = present[i] - present[i - 1];
        var median = Median(differences);
        var deviations = differences.Select(d => Math.Abs(d - median)).ToArray();
        return Median(deviations) * MadToSigma / Math.Sqrt(2);
    }
}
