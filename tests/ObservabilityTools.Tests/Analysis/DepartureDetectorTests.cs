using SreSuite.ObservabilityTools.Analysis;

namespace SreSuite.ObservabilityTools.Tests.Analysis;

public sealed class DepartureDetectorTests
{
    [Fact]
    public void A_step_up_that_never_returns_is_one_ongoing_rise_starting_at_the_first_high_point()
    {
        var values = SeriesShapes.Generate(5761, i => i < 5041 ? 0.14 : 6.5);

        var departure = Assert.Single(DepartureDetector.Find(values));

        Assert.Equal(5041, departure.StartIndex);
        Assert.Equal(5760, departure.EndIndex);
        Assert.True(departure.Ongoing);
        Assert.True(departure.IsRise);
        Assert.InRange(departure.Baseline, 0.13, 0.15);
        Assert.InRange(departure.Peak, 6.5, 6.9);
    }

    [Fact]
    public void A_spike_that_returns_has_a_start_an_end_and_a_peak()
    {
        // A triangle from 30 up to 50 at index 320 and back, on a level of 10.
        var values = SeriesShapes.Generate(600, i => i is >= 300 and < 340 ? 50 - Math.Abs(i - 320) : 10);

        var departure = Assert.Single(DepartureDetector.Find(values));

        Assert.Equal(300, departure.StartIndex);
        Assert.Equal(339, departure.EndIndex);
        Assert.InRange(departure.PeakIndex, 316, 324);
        Assert.False(departure.Ongoing);
        Assert.InRange(departure.Baseline, 9.8, 10.2);
    }

    [Fact]
    public void A_drop_is_a_departure_downwards()
    {
        var values = SeriesShapes.Generate(1440, i => i < 1000 ? 12 : 8);

        var departure = Assert.Single(DepartureDetector.Find(values));

        Assert.False(departure.IsRise);
        Assert.Equal(1000, departure.StartIndex);
        Assert.True(departure.Ongoing);
    }

    [Fact]
    public void Noise_around_a_level_is_not_a_departure()
    {
        Assert.Empty(DepartureDetector.Find(SeriesShapes.Generate(5761, _ => 42, relativeNoise: 0.1)));
    }

    [Fact]
    public void A_daily_cycle_and_a_slow_climb_are_followed_not_reported()
    {
        Assert.Empty(DepartureDetector.Find(SeriesShapes.Generate(5761, i => SeriesShapes.Daily(i, 5760, amplitude: 0.3))));
        Assert.Empty(DepartureDetector.Find(SeriesShapes.Generate(5761, i => 340e6 + 22e6 * i / 240.0, relativeNoise: 0.005)));
        Assert.Empty(DepartureDetector.Find(SeriesShapes.Generate(25, i => 340e6 + 22e6 * i, relativeNoise: 0.005)));
    }

    [Fact]
    public void From_zero_any_value_departs()
    {
        var values = Enumerable.Range(0, 100).Select(i => i < 80 ? 0.0 : 3.0).ToArray();

        var departure = Assert.Single(DepartureDetector.Find(values));

        Assert.Equal(80, departure.StartIndex);
        Assert.Equal(0, departure.Baseline);
        Assert.Equal(3, departure.Magnitude);
    }

    [Fact]
    public void Missing_points_are_skipped_and_indices_stay_on_the_grid()
    {
        var values = SeriesShapes.Generate(200, i => i < 150 ? 1 : 5);
        for (var i = 140; i < 152; i++)
            values[i] = double.NaN;

        var departure = Assert.Single(DepartureDetector.Find(values));

        Assert.Equal(152, departure.StartIndex);
    }

    [Fact]
    public void A_lone_outlier_that_is_not_far_out_is_noise_but_a_huge_one_counts()
    {
        var small = SeriesShapes.Generate(300, _ => 10, relativeNoise: 0.01);
        small[100] = 13.5;
        var huge = SeriesShapes.Generate(300, _ => 10, relativeNoise: 0.01);
        huge[100] = 100;

        Assert.Empty(DepartureDetector.Find(small));
        var departure = Assert.Single(DepartureDetector.Find(huge));
        Assert.Equal(100, departure.StartIndex);
        Assert.Equal(100, departure.EndIndex);
    }

    [Fact]
    public void Too_few_points_say_nothing()
    {
        Assert.Empty(DepartureDetector.Find([1, 1, 1, 50, 50]));
    }
}
