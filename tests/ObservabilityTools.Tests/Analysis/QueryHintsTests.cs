using SreSuite.ObservabilityTools.Analysis;

namespace SreSuite.ObservabilityTools.Tests.Analysis;

public sealed class QueryHintsTests
{
    [Theory]
    [InlineData("http_requests_total")]
    [InlineData(" http_requests_total{code=\"500\"} ")]
    [InlineData("http_request_duration_seconds_count{job=\"api\"}")]
    public void A_bare_counter_gets_the_rate_it_probably_meant(string query)
    {
        var hint = QueryHints.RawCounter(query);

        Assert.NotNull(hint);
        Assert.Contains($"rate({query.Trim()}[5m])", hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rate(http_requests_total[5m])")]
    [InlineData("process_resident_memory_bytes")]
    [InlineData("sum(http_requests_total)")]
    public void Anything_else_is_left_alone(string query)
    {
        Assert.Null(QueryHints.RawCounter(query));
    }

    [Fact]
    public void Windows_shorter_than_the_step_are_named()
    {
        Assert.Equal(
            "the range window [5m] is shorter than the step 1h, so each point sees only part of its step; use [1h] or a smaller step to cover all samples.",
            QueryHints.WindowsShorterThanStep("sum(rate(x[5m])) / sum(rate(y[5m]))", TimeSpan.FromHours(1)));
        Assert.Null(QueryHints.WindowsShorterThanStep("rate(x[5m])", TimeSpan.FromMinutes(1)));
        Assert.Null(QueryHints.WindowsShorterThanStep("rate(x[5m]) / rate(y[2h])", TimeSpan.FromHours(1)));
        // Inside a subquery the window is evaluated at the subquery's own resolution.
        Assert.Null(QueryHints.WindowsShorterThanStep("max_over_time(rate(x[1m])[1h:1m])", TimeSpan.FromHours(2)));
    }
}
