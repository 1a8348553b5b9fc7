using SreSuite.ObservabilityTools.Analysis;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ObservabilityTools.Tests.Analysis;

public sealed class AlertMatchersTests
{
    [Theory]
    [InlineData("{alertname=\"X\", service=~\"pay.*\"}")]
    [InlineData("alertname=\"X\",service=~\"pay.*\"")]
    [InlineData("alertname=X, service=~pay.*")]
    [InlineData(" alertname = 'X' , service =~ 'pay.*' ")]
    public void Parses_the_ways_people_write_matchers(string text)
    {
        var matchers = AlertMatchers.Parse(text, "matchers");

        Assert.Equal([new AlertMatcher("alertname", "X", false, true), new AlertMatcher("service", "pay.*", true, true)], matchers);
    }

    [Fact]
    public void Writes_each_operator_in_alertmanager_filter_syntax_with_escaped_values()
    {
        var matchers = AlertMatchers.Parse("a=\"1\", b!=\"2\", c=~\"3.*\", d!~\"4\", e=\"say \\\"hi\\\"\"", "filter");

        Assert.Equal(["a=\"1\"", "b!=\"2\"", "c=~\"3.*\"", "d!~\"4\"", "e=\"say \\\"hi\\\"\""], matchers.Select(m => m.ToString()));
    }

    [Fact]
    public void Empty_text_is_no_matchers()
    {
        Assert.Empty(AlertMatchers.Parse("", "filter"));
        Assert.Empty(AlertMatchers.Parse("{}", "filter"));
    }

    [Theory]
    [InlineData("alertname", "expected =, !=, =~ or !~ after 'alertname'")]
    [InlineData("=\"x\"", "expected a label name")]
    [InlineData("a=\"x", "a quoted value is not closed")]
    [InlineData("a=\"x\" b=\"y\"", "expected ',' between matchers")]
    [InlineData("a=~\"(\"", "the regex of a is invalid")]
    [InlineData("service=payments-api\"", "unbalanced quote")]
    public void Refuses_malformed_matchers_saying_what_is_wrong_and_how_to_write_them(string text, string problem)
    {
        var error = Assert.Throws<ToolInputException>(() => AlertMatchers.Parse(text, "matchers"));

        Assert.Equal("matchers", error.Argument);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("alertname=\"PaymentsApiHighErrorRate\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_non_empty_equality_pins_alerts_down()
    {
        Assert.True(new AlertMatcher("a", "x", false, true).IsPinning);
        Assert.False(new AlertMatcher("a", "x", true, true).IsPinning);
        Assert.False(new AlertMatcher("a", "x", false, false).IsPinning);
        Assert.False(new AlertMatcher("a", "", false, true).IsPinning);
    }
}
