namespace SreSuite.ObservabilityTools.Analysis;

/// <summary>
/// Everything an answer says about one series of a range query. Departures are found for every series (they
/// decide the order); the trend is only worked out for the series an answer shows.
/// </summary>
public sealed class SeriesAnalysis
{
    private readonly Lazy<Trend> _trend;

    private SeriesAnalysis(SampledSeries series, SeriesStatistics? statistics, IReadOnlyList<Departure> departures, SeriesLimit? limit)
    {
        Series = series;
        Statistics = statistics;
        Departures = departures;
        Limit = limit;
        _trend = new Lazy<Trend>(() => statistics is null ? Trend.Steady : Trend.Of(series.Values, series.Step, departures, limit?.Value));
    }

    /// <summary>The limit the series grows toward (memory limit, capacity), when Prometheus knows it.</summary>
    public SeriesLimit? Limit { get; }

    public SampledSeries Series { get; }

    public SeriesStatistics? Statistics { get; }

    public IReadOnlyList<Departure> Departures { get; }

    public Trend Trend => _trend.Value;

    /// <summary>The largest departure's magnitude, 0 without departures.</summary>
    public double DepartureMagnitude => Departures.Count == 0 ? 0 : Departures.Max(d => d.Magnitude);

    public static SeriesAnalysis Of(SampledSeries series, SeriesLimit? limit = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var statistics = SeriesStatistics.Of(series.Values);
        return new SeriesAnalysis(series, statistics, statistics is null ? [] : DepartureDetector.Find(series.Values), limit);
    }

    /// <summary>Series with departures first (largest first), then by peak value.</summary>
    public static IReadOnlyList<SeriesAnalysis> Rank(IEnumerable<SeriesAnalysis> analyses) =>
        [.. analyses
            .OrderByDescending(a => a.Departures.Count > 0)
            .ThenByDescending(a => a.DepartureMagnitude)
            .ThenByDescending(a => a.Statistics?.Max ?? double.NegativeInfinity)];
}
