using SreSuite.ObservabilityTools.Analysis;

namespace SreSuite.ObservabilityTools.Tests.Analysis;

public sealed class TrendTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void A_leak_is_rising_with_its_slope_per_second()
    {
        // 340 MB growing 22 MB an hour, one point a minute for a day.
        var values = SeriesShapes.Generate(1441, i => 340e6 + 22e6 * i / 60.0, relativeNoise: 0.005);

        var trend = Trend.Of(values, Minute);

        Assert.Equal(TrendDirection.Rising, trend.Direction);
        Assert.InRange(trend.SlopePerSecond * 3600, 21e6, 23e6);
        Assert.True(trend.Tau > 0.9);
    }

    [Fact]
    public void A_drain_is_falling()
    {
        var trend = Trend.Of(SeriesShapes.Generate(500, i => 1000 - i, relativeNoise: 0.01), Minute);

        Assert.Equal(TrendDirection.Falling, trend.Direction);
        Assert.True(trend.RelativeChange < -0.2);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.75)]
    public void A_daily_cycle_over_a_day_is_steady_whatever_its_phase(double phase)
    {
        var values = SeriesShapes.Generate(1441, i => SeriesShapes.Daily(i, 1440, amplitude: 0.3, phase: phase), relativeNoise: 0.02);

        Assert.Equal(TrendDirection.Steady, Trend.Of(values, Minute).Direction);
    }

    [Fact]
    public void A_small_consistent_drift_below_a_fifth_of_the_level_is_steady()
    {
        Assert.Equal(TrendDirection.Steady, Trend.Of(SeriesShapes.Generate(600, i => 100 + 0.02 * i, relativeNoise: 0.001), Minute).Direction);
    }

    [Fact]
    public void Departures_are_left_out_of_the_trend()
    {
        // A staircase: each step would read as a consistent climb, but the first step starts a departure.
        var values = SeriesShapes.Generate(1000, i => 1 + 5 * (i / 250), relativeNoise: 0.02);
        var departures = DepartureDetector.Find(values);

        Assert.Equal(TrendDirection.Rising, Trend.Of(values, Minute).Direction);
        Assert.Equal(TrendDirection.Steady, Trend.Of(values, Minute, departures).Direction);
    }

    private const double GiB = 1024 * 1024 * 1024;

    /// <summary>The demo's inventory-service leak seen over six hours: 750 → 881 MB, a point every 12 minutes.</summary>
    private static double[] SixHourLeak() => SeriesShapes.Generate(31, i => 750e6 + 131e6 * i / 30.0, relativeNoise: 0.005);

    [Fact]
    public void A_slow_leak_under_a_known_limit_is_rising_with_the_time_left_until_the_limit()
    {
        var step = TimeSpan.FromMinutes(12);

        var alone = Trend.Of(SixHourLeak(), step);
        var trend = Trend.Of(SixHourLeak(), step, limit: GiB);

        // Without a limit, 17% of the level is a small drift; against the limit it ate 40% of the headroom.
        Assert.Equal(TrendDirection.Steady, alone.Direction);
        Assert.Equal(TrendDirection.Rising, trend.Direction);
        Assert.InRange(trend.SlopePerSecond * 3600, 19e6, 25e6);
        Assert.Equal(GiB, trend.Limit);
        Assert.NotNull(trend.TimeToLimit);
        Assert.InRange(trend.TimeToLimit!.Value.TotalHours, 7, 11);
    }

    [Fact]
    public void A_flat_series_under_its_limit_is_steady_and_never_reaches_it()
    {
        var trend = Trend.Of(SeriesShapes.Generate(31, _ => 600e6, relativeNoise: 0.01), TimeSpan.FromMinutes(12), limit: GiB);

        Assert.Equal(TrendDirection.Steady, trend.Direction);
        Assert.Null(trend.TimeToLimit);
    }

    [Fact]
    public void A_daily_cycle_far_below_its_limit_is_steady()
    {
        var values = SeriesShapes.Generate(1441, i => 300e6 * SeriesShapes.Daily(i, 1440, amplitude: 0.1), relativeNoise: 0.01);

        Assert.Equal(TrendDirection.Steady, Trend.Of(values, Minute, limit: GiB).Direction);
    }

    [Fact]
    public void Free_disk_space_draining_toward_zero_is_falling_with_the_time_until_full()
    {
        // 40 GB free losing 2 GB an hour, one point every 10 minutes for six hours: 30% of the headroom gone.
        var values = SeriesShapes.Generate(37, i => 40e9 - 2e9 * i / 6.0, relativeNoise: 0.001);

        var trend = Trend.Of(values, TimeSpan.FromMinutes(10), limit: 0);

        Assert.Equal(TrendDirection.Falling, trend.Direction);
        Assert.InRange(trend.TimeToLimit!.Value.TotalHours, 12, 16);
    }

    [Fact]
    public void A_series_moving_away_from_its_limit_has_no_time_to_limit()
    {
        var values = SeriesShapes.Generate(31, i => 900e6 - 10e6 * i, relativeNoise: 0.001);

        var trend = Trend.Of(values, TimeSpan.FromMinutes(12), limit: GiB);

        Assert.Equal(TrendDirection.Falling, trend.Direction);
        Assert.Null(trend.TimeToLimit);
    }

    [Fact]
    public void Too_few_points_are_steady()
    {
        Assert.Equal(Trend.Steady, Trend.Of([1, double.NaN, 5], Minute));
    }
}
