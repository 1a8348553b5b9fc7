using System.Text.Json;
using SreSuite.ObservabilityTools.Prometheus;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ObservabilityTools.Tests.Backends;

/// <summary>
/// Prometheus' answer envelope (docs/querying/api.md): a success with warnings and infos, and each errorType.
/// Prometheus 2.42 has no query that deterministically warns, so the envelope is read from its documented JSON.
/// </summary>
public sealed class PrometheusEnvelopeTests
{
    [Fact]
    public void Warnings_and_infos_come_with_the_data()
    {
        var response = JsonSerializer.Deserialize(
            """{"status":"success","data":["a","b"],"warnings":["remote read failed: timeout"],"infos":["PromQL info: metric might not be a counter"]}""",
            PrometheusJsonContext.Default.PrometheusResponseIReadOnlyListString)!;

        var answer = PrometheusBackend.Answer(response, "match");

        Assert.Equal(["a", "b"], answer.Data);
        Assert.Equal(["remote read failed: timeout", "PromQL info: metric might not be a counter"], answer.Warnings);
    }

    [Theory]
    [InlineData("bad_data", "query: Prometheus rejected it (bad_data): 1:5: parse error: unexpected end of input")]
    [InlineData("execution", "query: Prometheus could not evaluate it (execution): 1:5: parse error: unexpected end of input")]
    public void Errors_about_the_query_name_the_argument_and_keep_prometheus_message(string errorType, string expected)
    {
        var error = Assert.IsType<ToolInputException>(PrometheusBackend.ErrorOf(errorType, "1:5: parse error: unexpected end of input", "query"));

        Assert.Equal("query", error.Argument);
        Assert.Equal(expected, error.Message);
    }

    [Theory]
    [InlineData("timeout", "Prometheus stopped the query (timeout): query timed out in expression evaluation. Narrow it: a shorter range, a larger step, or more label matchers.")]
    [InlineData("canceled", "Prometheus stopped the query (canceled): query timed out in expression evaluation. Narrow it: a shorter range, a larger step, or more label matchers.")]
    [InlineData("internal", "Prometheus failed (internal): query timed out in expression evaluation")]
    public void Other_errors_are_failures_with_what_to_do(string errorType, string expected)
    {
        var error = Assert.IsType<ToolFailureException>(PrometheusBackend.ErrorOf(errorType, "query timed out in expression evaluation", "query"));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void An_error_status_in_a_success_code_is_still_an_error()
    {
        var response = JsonSerializer.Deserialize("""{"status":"error","errorType":"bad_data","error":"invalid parameter \"match[]\""}""",
            PrometheusJsonContext.Default.PrometheusResponseIReadOnlyListString)!;

        var error = Assert.Throws<ToolInputException>(() => PrometheusBackend.Answer(response, "match"));

        Assert.Equal("match", error.Argument);
    }
}
