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

    [Fact]
    public void Too_few_points_are_steady()
    {
        Assert.Equal(Trend.Steady, Trend.Of([1, double.NaN, 5], Minute));
    }
}
