using System.Text;
using SreSuite.ObservabilityTools.Analysis;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ObservabilityTools.Tests.Analysis;

public sealed class RangeReportTests
{
    private static readonly DateTimeOffset End = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static readonly RangePlan Day = RangePlan.Create(End.AddHours(-24), End, TimeSpan.FromMinutes(1), 30);

    private static SampledSeries Series(string service, Func<int, double> shape, string code = "500") =>
        new(new Dictionary<string, string> { ["job"] = "api", ["service"] = service, ["code"] = code }, Day.Start, Day.Step, SeriesShapes.Generate(Day.Points, shape));

    private static string Write(IReadOnlyList<SampledSeries> series, RangeReportOptions options, int budget = 8000)
    {
        var answer = new AnswerBuilder(budget);
        RangeReport.Write(answer, Day, series, options);
        return answer.ToString();
    }

    [Fact]
    public void Writes_the_window_common_labels_and_per_series_summary_departures_and_values()
    {
        // The jump happens 3 h before the end: at index 1260 of 1441.
        var text = Write([Series("payments-api", i => i < 1260 ? 0.14 : 6.5), Series("checkout-web", _ => 0.3)], new RangeReportOptions(30, 10, Raw: false));

        Assert.Equal(
            """
            2026-03-09T12:00:00Z to 2026-03-10T12:00:00Z, step 1m: 2 series x 1441 points
            common labels: {code="500",job="api"}
            values: means of 49-point buckets (49m each) from 2026-03-09T12:00:00Z; series with departures first, then by peak
            {service="payments-api"}
            """.ReplaceLineEndings("\n"),
            string.Join('\n', text.Split('\n').Take(4)));
        Assert.Contains("\n  rise from 2026-03-10T09:00:00Z to the end (ongoing, 3h): peak ", text, StringComparison.Ordinal);
        Assert.Contains("{service=\"checkout-web\"}\n  first 0.", text, StringComparison.Ordinal);
        Assert.Contains("trend steady; no sharp departures\n", text, StringComparison.Ordinal);
        var values = text.Split('\n')[6].Trim().Split(' ');
        Assert.Equal(30, values.Length);
        Assert.InRange(double.Parse(values[^1], System.Globalization.CultureInfo.InvariantCulture), 6.3, 6.7);
        Assert.InRange(double.Parse(values[0], System.Globalization.CultureInfo.InvariantCulture), 0.13, 0.15);
    }

    [Fact]
    public void A_level_series_with_more_departures_than_are_listed_says_how_many_are_below()
    {
        // Five equal 40-minute spikes on a level series: three are listed, two counted.
        var spiky = Series("payments-api", i => i % 240 is >= 100 and < 140 && i < 1200 ? 50 : 10);

        var text = Write([spiky], new RangeReportOptions(30, 10, Raw: false));
        var raw = Write([spiky], new RangeReportOptions(30, 10, Raw: true), budget: 20000);

        Assert.Contains("trend level apart from 5 departures, the 3 largest below\n", text, StringComparison.Ordinal);
        Assert.Equal(3, text.Split('\n').Count(line => line.StartsWith("  rise from ", StringComparison.Ordinal)));
        Assert.Contains("\n  and 2 smaller departures\n", text, StringComparison.Ordinal);
        // Raw values list no departures at all, so none is said to be below.
        Assert.Contains("trend level apart from 5 departures\n", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("below", raw, StringComparison.Ordinal);
    }

    [Fact]
    public void Series_beyond_the_cap_are_counted_with_a_breakdown_and_how_to_narrow()
    {
        var series = Enumerable.Range(0, 12).Select(i => Series(i < 8 ? "identity-api" : "shipping-api", _ => 100 - i, code: $"{200 + i}")).ToList();

        var text = Write(series, new RangeReportOptions(30, 3, Raw: false));

        Assert.Equal(3, text.Split('\n').Count(line => line.StartsWith('{')));
        Assert.EndsWith("… 9 more series not shown (0 with departures, peaks 93.4 to 102); by service: identity-api 5, shipping-api 4; narrow with a label matcher or aggregate, e.g. sum by (label) (...).", text.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_answer_never_exceeds_its_budget_and_says_what_was_cut()
    {
        var series = Enumerable.Range(0, 40).Select(i => Series($"svc-{i:00}", _ => 10 + i, code: "200")).ToList();

        var text = Write(series, new RangeReportOptions(200, 40, Raw: false), budget: 4000);

        Assert.True(Encoding.UTF8.GetByteCount(text) <= 4000);
        Assert.Contains("more series cut to fit the answer budget", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Whatever_the_budget_the_answer_and_its_notes_fit_in_it(bool raw)
    {
        var series = Enumerable.Range(0, 12)
            .Select(i => Series($"service-with-a-rather-long-name-{i:00}-{new string('x', 40)}", k => (i + 1) * (1 + k / 1e4), code: $"{500 + i}"))
            .ToList();
        for (var budget = 1000; budget <= 8000; budget += 250)
        {
            var answer = new AnswerBuilder(budget);
            answer.Note($"Prometheus warning: {new string('w', 150)}");
            answer.Note($"the range window [5m] is shorter than the step 1h, {new string('n', 100)}");

            RangeReport.Write(answer, Day, series, new RangeReportOptions(30, 10, raw));

            var text = answer.ToString();
            Assert.True(Encoding.UTF8.GetByteCount(text) <= budget, $"{Encoding.UTF8.GetByteCount(text)} bytes in a budget of {budget}");
            Assert.Contains("more series", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Raw_values_come_at_every_step_in_full_precision_until_the_budget_and_the_cut_is_named()
    {
        var text = Write([Series("payments-api", i => 0.1 + i / 1e6)], new RangeReportOptions(30, 10, Raw: true), budget: 2000);

        Assert.Contains("raw values at each step from 2026-03-09T12:00:00Z", text, StringComparison.Ordinal);
        Assert.Matches(@"\n  0\.\d{6,}", text);
        Assert.Contains("… raw values of {code=\"500\",job=\"api\",service=\"payments-api\"} cut after point", text, StringComparison.Ordinal);
        Assert.EndsWith("; narrow the range or raise step", text, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(text) <= 2000);
    }

    [Fact]
    public void Late_starting_and_gappy_series_say_so()
    {
        var values = SeriesShapes.Generate(Day.Points, _ => 1);
        for (var i = 0; i < 100; i++)
            values[i] = double.NaN;
        values[500] = double.NaN;
        var series = new SampledSeries(new Dictionary<string, string> { ["pod"] = "new" }, Day.Start, Day.Step, values);

        var text = Write([series], new RangeReportOptions(30, 10, Raw: false));

        Assert.Contains("; starts 2026-03-09T13:40:00Z; 1 points missing", text, StringComparison.Ordinal);
    }

    [Fact]
    public void No_series_is_an_answer_with_what_to_check()
    {
        Assert.Contains("no series matched; check metric and label names with prom_list_metrics or prom_series.", Write([], new RangeReportOptions(30, 10, false)), StringComparison.Ordinal);
    }

    [Fact]
    public void Points_off_the_step_grid_are_laid_on_it()
    {
        var start = Day.Start.ToUnixTimeSeconds();
        var series = SampledSeries.FromPoints(new Dictionary<string, string>(), Day, [(start + 0.0, 1), (start + 60.4, 2), (start + 180, double.NaN)]);

        Assert.Equal(1, series.Values[0]);
        Assert.Equal(2, series.Values[1]);
        Assert.True(double.IsNaN(series.Values[2]));
        Assert.True(double.IsNaN(series.Values[3]));
        Assert.Equal(Day.Points, series.Values.Count);
    }
}
