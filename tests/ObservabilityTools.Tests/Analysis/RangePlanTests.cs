using SreSuite.ObservabilityTools.Analysis;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ObservabilityTools.Tests.Analysis;

public sealed class RangePlanTests
{
    private static readonly DateTimeOffset End = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(24 * 3600, 30, 3600, 25)]
    [InlineData(3600, 30, 300, 13)]
    [InlineData(6 * 3600, 30, 900, 25)]
    [InlineData(7 * 24 * 3600, 30, 6 * 3600, 29)]
    [InlineData(600, 200, 5, 121)]
    [InlineData(30, 30, 2, 16)]
    public void Without_a_step_picks_the_smallest_round_step_that_fits_max_points(int rangeSeconds, int maxPoints, int expectedStep, int expectedPoints)
    {
        var plan = RangePlan.Create(End.AddSeconds(-rangeSeconds), End, step: null, maxPoints);

        Assert.True(plan.StepChosen);
        Assert.Equal(TimeSpan.FromSeconds(expectedStep), plan.Step);
        Assert.Equal(expectedPoints, plan.Points);
        Assert.True(plan.Points <= maxPoints);
    }

    [Fact]
    public void A_given_step_is_kept_and_counts_points_as_prometheus_does()
    {
        var plan = RangePlan.Create(End.AddHours(-24), End, TimeSpan.FromSeconds(15), 30);

        Assert.False(plan.StepChosen);
        Assert.Equal(5761, plan.Points);
    }

    [Fact]
    public void Exactly_eleven_thousand_steps_are_allowed_and_one_more_is_refused_with_a_step_that_works()
    {
        Assert.Equal(11_001, RangePlan.Create(End.AddSeconds(-11_000), End, TimeSpan.FromSeconds(1), 30).Points);

        var error = Assert.Throws<ToolInputException>(() => RangePlan.Create(End.AddSeconds(-11_001), End, TimeSpan.FromSeconds(1), 30));

        Assert.Equal("step", error.Argument);
        Assert.Contains("11,002 points per series", error.Message, StringComparison.Ordinal);
        Assert.Contains("Use step 2s or larger", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_day_at_one_second_is_refused_suggesting_ten_seconds()
    {
        var error = Assert.Throws<ToolInputException>(() => RangePlan.Create(End.AddDays(-1), End, TimeSpan.FromSeconds(1), 30));

        Assert.Equal("step: 1d at step 1s is 86,401 points per series; Prometheus refuses more than 11,000. Use step 10s or larger, a shorter range, or omit step to let the server choose.", error.Message);
    }

    [Fact]
    public void Start_must_come_before_end()
    {
        var error = Assert.Throws<ToolInputException>(() => RangePlan.Create(End, End.AddHours(-1), null, 30));

        Assert.Equal("start", error.Argument);
        Assert.Contains("must be before end", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rounds_beyond_a_week_to_whole_days()
    {
        Assert.Equal(TimeSpan.FromDays(13), RangePlan.RoundUp(TimeSpan.FromDays(12.5)));
    }
}
