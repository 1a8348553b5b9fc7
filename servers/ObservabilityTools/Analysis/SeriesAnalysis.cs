namespace SreSuite.ObservabilityTools.Analysis;

/// <summary>Everything an answer says about one series of a range query.</summary>
public sealed record SeriesAnalysis(SampledSeries Series, SeriesStatistics? Statistics, Trend Trend, IReadOnlyList<Departure> Departures)
{
    public static SeriesAnalysis Of(SampledSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var statistics = SeriesStatistics.Of(series.Values);
        if (statistics is null)
            return new SeriesAnalysis(series, null, Trend.Steady, []);
        var departures = DepartureDetector.Find(series.Values);
        return new SeriesAnalysis(series, statistics, Trend.Of(series.Values, series.Step, departures), departures);
    }

    /// <summary>The largest departure's magnitude, 0 without departures.</summary>
    public double DepartureMagnitude => Departures.Count == 0 ? 0 : Departures.Max(d => d.Magnitude);

    /// <summary>Series with departures first (largest first), then by peak value.</summary>
    public static IReadOnlyList<SeriesAnalysis> Rank(IEnumerable<SeriesAnalysis> analyses) =>
        [.. analyses
            .OrderByDescending(a => a.Departures.Count > 0)
            .ThenByDescending(a => a.DepartureMagnitude)
            .ThenByDescending(a => a.Statistics?.Max ?? double.NegativeInfinity)];
}
