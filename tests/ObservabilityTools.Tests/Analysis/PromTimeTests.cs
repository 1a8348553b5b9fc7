using SreSuite.ObservabilityTools.Analysis;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ObservabilityTools.Tests.Analysis;

public sealed class PromTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("now", "2026-03-10T12:00:00Z")]
    [InlineData("", "2026-03-10T12:00:00Z")]
    [InlineData("now-6h", "2026-03-10T06:00:00Z")]
    [InlineData("now - 1h30m", "2026-03-10T10:30:00Z")]
    [InlineData("now+15m", "2026-03-10T12:15:00Z")]
    [InlineData("30m", "2026-03-10T11:30:00Z")]
    [InlineData("2d", "2026-03-08T12:00:00Z")]
    [InlineData("1773100800", "2026-03-10T00:00:00Z")]
    [InlineData("1773100800.5", "2026-03-10T00:00:00Z")]
    [InlineData("2026-03-09T23:15:00Z", "2026-03-09T23:15:00Z")]
    [InlineData("2026-03-10T01:15:00+02:00", "2026-03-09T23:15:00Z")]
    [InlineData("2026-03-09T23:15:00.250Z", "2026-03-09T23:15:00Z")]
    public void Parses_every_accepted_form(string text, string expected)
    {
        Assert.Equal(expected, Ages.Timestamp(PromTime.Parse(text, Now, "start")));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("now-6x")]
    [InlineData("10/03/2026")]
    [InlineData("6 hours")]
    public void Refuses_other_text_naming_the_argument_and_the_accepted_forms(string text)
    {
        var error = Assert.Throws<ToolInputException>(() => PromTime.Parse(text, Now, "end"));

        Assert.Equal("end", error.Argument);
        Assert.Contains("RFC 3339", error.Message, StringComparison.Ordinal);
        Assert.Contains("now-6h", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_bare_number_is_explained_as_a_unix_time_rather_than_guessed()
    {
        var error = Assert.Throws<ToolInputException>(() => PromTime.Parse("30", Now, "start"));

        Assert.Contains("unix seconds (1970-01-01)", error.Message, StringComparison.Ordinal);
        Assert.Contains("30m", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unix_seconds_go_to_Prometheus_with_millisecond_precision()
    {
        Assert.Equal("1773100800", PromTime.ToUnixSeconds(new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal("1773100800.25", PromTime.ToUnixSeconds(new DateTimeOffset(2026, 3, 10, 0, 0, 0, 250, TimeSpan.Zero)));
    }
}

public sealed class PromDurationTests
{
    [Theory]
    [InlineData("15s", 15)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("2d", 172800)]
    [InlineData("1w", 604800)]
    [InlineData("1y", 31536000)]
    [InlineData("1m30s", 90)]
    [InlineData("250ms", 0.25)]
    public void Parses_prometheus_durations(string text, double seconds)
    {
        Assert.True(PromDuration.TryParse(text, out var duration));
        Assert.Equal(seconds, duration.TotalSeconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("15")]
    [InlineData("m5")]
    [InlineData("5m1h")]
    [InlineData("0s")]
    [InlineData("-5m")]
    [InlineData("5 m")]
    public void Refuses_what_prometheus_refuses(string text)
    {
        Assert.False(PromDuration.TryParse(text, out _));
    }

    [Theory]
    [InlineData("15", 15)]
    [InlineData("0.5", 0.5)]
    [InlineData("1m", 60)]
    public void A_step_may_also_be_plain_seconds(string text, double seconds)
    {
        Assert.True(PromDuration.TryParseStep(text, out var step));
        Assert.Equal(seconds, step.TotalSeconds);
    }

    [Theory]
    [InlineData(15, "15s")]
    [InlineData(5400, "1h30m")]
    [InlineData(172800, "2d")]
    [InlineData(2895, "48m15s")]
    [InlineData(0.25, "250ms")]
    public void Formats_like_prometheus(double seconds, string expected)
    {
        Assert.Equal(expected, PromDuration.Format(TimeSpan.FromSeconds(seconds)));
    }

}
