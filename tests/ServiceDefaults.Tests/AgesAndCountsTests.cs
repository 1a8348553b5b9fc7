using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ServiceDefaults.Tests;

public sealed class AgesAndCountsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(-30, "0s")]
    [InlineData(42, "42s")]
    [InlineData(150, "2m")]
    [InlineData(7100, "1h58m")]
    [InlineData(10785, "3h")]
    [InlineData(10740, "2h59m")]
    [InlineData(172800, "2d")]
    [InlineData(273600, "3d4h")]
    [InlineData(259920, "3d")]          // 3d and 12 minutes: the units stay adjacent
    [InlineData(63072000, "730d")]
    public void Ages_keep_at_most_two_adjacent_units(double seconds, string expected) =>
        Assert.Equal(expected, Ages.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Ages_read_as_ago_or_in_and_unknown_is_a_dash()
    {
        Assert.Equal("2h55m ago", Ages.Ago(Now.AddMinutes(-175), Now));
        Assert.Equal("0s ago", Ages.Ago(Now, Now));
        Assert.Equal("in 10m", Ages.Ago(Now.AddMinutes(10), Now));
        Assert.Equal("45s", Ages.Since(Now.AddSeconds(-45), Now));
        Assert.Equal("-", Ages.Since((DateTimeOffset?)null, Now));
        Assert.Equal("1h", Ages.Since(new DateTime(2026, 1, 31, 11, 0, 0, DateTimeKind.Unspecified), Now));
    }

    [Theory]
    [InlineData(0, "0 pods")]
    [InlineData(1, "1 pod")]
    [InlineData(3, "3 pods")]
    [InlineData(12000, "12000 pods")]
    public void Counts_say_the_noun_in_the_plural_unless_one(int count, string expected) =>
        Assert.Equal(expected, Counts.Of(count, "pod"));
}
