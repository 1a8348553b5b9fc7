using System.Text.Json;
using SreSuite.ObservabilityTools.Analysis;
using SreSuite.ObservabilityTools.Prometheus;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ObservabilityTools.Tests.Analysis;

public sealed class InstantReportTests
{
    private static QueryData Parse(string json) =>
        JsonSerializer.Deserialize(json, PrometheusJsonContext.Default.PrometheusResponseQueryData)!.Data!;

    private static string Write(string json, int limit = 20)
    {
        var answer = new AnswerBuilder(8000);
        InstantReport.Write(answer, Parse(json), limit);
        return answer.ToString();
    }

    [Fact]
    public void A_vector_is_sorted_by_value_capped_and_says_how_many_were_left_out()
    {
        var samples = string.Join(",", Enumerable.Range(1, 8).Select(i =>
            $$"""{"metric":{"job":"api","code":"{{i}}00"},"value":[1773144000,"{{(i == 3 ? "NaN" : (i * 1.5).ToString(System.Globalization.CultureInfo.InvariantCulture))}}"]}"""));

        var text = Write("""{"status":"success","data":{"resultType":"vector","result":[""" + samples + "]}}", limit: 3);

        Assert.Equal(
            """
            vector at 2026-03-10T12:00:00Z: 8 series, top 3 by value
            common labels: {job="api"}
            12 {code="800"}
            10.5 {code="700"}
            9 {code="600"}
            … 5 more series left out (values 1.5 to 7.5); narrow with label matchers, use topk(k, ...), or raise limit.
            """.ReplaceLineEndings("\n").TrimEnd(),
            text);
    }

    [Fact]
    public void Scalars_and_strings_are_written_as_they_are()
    {
        Assert.Equal("scalar 0.25 at 2026-03-10T12:00:00Z", Write("""{"status":"success","data":{"resultType":"scalar","result":[1773144000,"0.25"]}}"""));
        Assert.Equal("string at 2026-03-10T12:00:00Z: \"hello\"", Write("""{"status":"success","data":{"resultType":"string","result":[1773144000,"hello"]}}"""));
    }

    [Fact]
    public void An_empty_vector_says_what_to_check()
    {
        Assert.StartsWith("empty vector: no series matched", Write("""{"status":"success","data":{"resultType":"vector","result":[]}}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_vector_selector_gets_one_line_per_series()
    {
        var text = Write("""{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up","job":"a"},"values":[[1773143940,"1"],[1773144000,"0"]]}]}}""");

        Assert.Contains("range vector: 1 series", text, StringComparison.Ordinal);
        Assert.Contains("2 samples 2026-03-10T11:59:00Z to 2026-03-10T12:00:00Z, last 0 up{job=\"a\"}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Native_histograms_show_count_and_sum()
    {
        var text = Write("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{"job":"a"},"histogram":[1773144000,{"count":"10","sum":"3.5","buckets":[[0,"0","1","10"]]}]}]}}""");

        Assert.Contains("histogram count 10 sum 3.5 {job=\"a\"}", text, StringComparison.Ordinal);
    }
}

public sealed class PrometheusJsonTests
{
    [Fact]
    public void Reads_a_matrix_with_special_values_straight_into_samples()
    {
        var response = JsonSerializer.Deserialize(
            """{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":"b"},"values":[[1.5,"1e+00"],[2,"NaN"],[3,"+Inf"],[4,"-Inf"]]}]},"warnings":["w"],"infos":["i"]}""",
            PrometheusJsonContext.Default.PrometheusResponseQueryData)!;

        var series = Assert.Single(response.Data!.Matrix!);
        Assert.Equal("b", series.Metric["a"]);
        Assert.Equal(new Sample(1.5, 1), series.Values![0]);
        Assert.True(double.IsNaN(series.Values[1].Value));
        Assert.Equal(double.PositiveInfinity, series.Values[2].Value);
        Assert.Equal(double.NegativeInfinity, series.Values[3].Value);
        Assert.Equal(["w"], response.Warnings);
        Assert.Equal(["i"], response.Infos);
    }

    [Fact]
    public void Reads_the_result_even_when_it_comes_before_its_type()
    {
        var data = JsonSerializer.Deserialize(
            """{"status":"success","data":{"result":[{"metric":{},"value":[1,"2"]}],"resultType":"vector"}}""",
            PrometheusJsonContext.Default.PrometheusResponseQueryData)!.Data!;

        Assert.Equal("vector", data.ResultType);
        Assert.Equal(2, Assert.Single(data.Vector!).Value!.Value.Value);
    }

    [Fact]
    public void Reads_the_error_envelope()
    {
        var error = JsonSerializer.Deserialize("""{"status":"error","errorType":"bad_data","error":"1:5: parse error"}""", PrometheusJsonContext.Default.PrometheusError)!;

        Assert.Equal("bad_data", error.ErrorType);
        Assert.Equal("1:5: parse error", error.Error);
    }

    [Fact]
    public void Alert_values_may_be_strings_or_numbers()
    {
        var alerts = JsonSerializer.Deserialize(
            """{"status":"success","data":{"alerts":[{"labels":{},"state":"firing","value":"2.5e-01"},{"labels":{},"state":"pending","value":1}]}}""",
            PrometheusJsonContext.Default.PrometheusResponseAlertList)!.Data!.Alerts;

        Assert.Equal("2.5e-01", alerts[0].Value);
        Assert.Equal("1", alerts[1].Value);
    }
}
