using System.Globalization;
using System.Text.RegularExpressions;
using SreSuite.MonitoringFixture;
using SreSuite.ObservabilityTools.Analysis;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ObservabilityTools.Tests;

/// <summary>prom_query_range against the real Prometheus holding the demo's 24 hours.</summary>
public sealed partial class RangeQueryTests(RealMonitoring stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DayStart => Ages.Timestamp(stack.Story.Now - TimeSpan.FromHours(24));

    private string DayEnd => Ages.Timestamp(stack.Story.Now);

    [Fact]
    public async Task A_day_of_5xx_by_service_at_15s_fits_4000_bytes_and_finds_the_spike_within_one_step_of_the_deploy()
    {
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", stack.Environment, Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var answer = await client.CallAsync("prom_query_range", ("query", DemoQueries.ErrorRateByService), ("start", DayStart), ("end", DayEnd), ("step", "15s"));
        await PrintComparisonAsync(answer, DemoQueries.ErrorRateByService, "15");

        Assert.False(answer.IsError, answer.Text);
        Assert.True(answer.Bytes <= 4000, $"{answer.Bytes} bytes");
        Assert.StartsWith($"{DayStart} to {DayEnd}, step 15s: 5 series x 5761 points", answer.Text, StringComparison.Ordinal);
        var payments = answer.Block("{service=\"payments-api\"}");
        Assert.Equal("{service=\"payments-api\"}", answer.Text.Split('\n')[2]);
        var rise = Assert.Single(payments, line => line.Contains("rise from", StringComparison.Ordinal));
        var start = DepartureStart(rise);
        Assert.InRange(start, stack.Story.Deploy, stack.Story.Deploy + TimeSpan.FromSeconds(15));
        Assert.Contains("to the end (ongoing, 3h)", rise, StringComparison.Ordinal);
        Assert.Contains("trend level apart from the departures below", payments[1], StringComparison.Ordinal);
        foreach (var service in PaymentsStory.Services.Where(s => s != PaymentsStory.PaymentsService))
            Assert.EndsWith("; no sharp departures", answer.Block($"{{service=\"{service}\"}}")[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forty_series_at_60s_fit_8000_bytes_with_the_departing_payments_series_first_and_the_rest_counted()
    {
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", stack.Environment, Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var answer = await client.CallAsync("prom_query_range", ("query", DemoQueries.AllRequestRates), ("start", DayStart), ("end", DayEnd), ("step", "60s"));
        await PrintComparisonAsync(answer, DemoQueries.AllRequestRates, "60");

        Assert.False(answer.IsError, answer.Text);
        Assert.True(answer.Bytes <= 8000, $"{answer.Bytes} bytes");
        Assert.Contains(": 40 series x 1441 points", answer.Text, StringComparison.Ordinal);
        Assert.Contains("\ncommon labels: {job=\"kubernetes-pods\"}\n", answer.Text, StringComparison.Ordinal);
        var blocks = answer.Text.Split('\n').Where(line => line.StartsWith('{')).ToList();
        // How many blocks fit the text budget depends on the formatted values' lengths, which move with the generated
        // data (9 or 10 seen): what must hold is the six payments-api series first and every other series counted.
        Assert.InRange(blocks.Count, 6, 40);
        Assert.All(blocks.Take(6), block => Assert.Contains("service=\"payments-api\"", block, StringComparison.Ordinal));
        Assert.All(blocks.Take(4), block => Assert.Matches("code=\"50[03]\"", block));
        Assert.Equal(4, RiseLine().Count(answer.Text));
        Assert.All(RiseLine().Matches(answer.Text), rise => Assert.InRange(DepartureStart(rise.Value), stack.Story.Deploy, stack.Story.Deploy + TimeSpan.FromMinutes(1)));
        // "not shown" when the ten-series cap stopped it, "cut to fit the answer budget" when the bytes did first.
        Assert.Matches($@"… {40 - blocks.Count} more series (not shown|cut to fit the answer budget) \(0 with departures", answer.Text);
    }

    [Fact]
    public async Task The_memory_leak_is_a_rising_trend_and_the_other_services_are_steady()
    {
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", stack.Environment, Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var answer = await client.CallAsync("prom_query_range", ("query", "process_resident_memory_bytes{job=\"kubernetes-pods\"}"), ("start", DayStart), ("end", DayEnd));

        Assert.False(answer.IsError, answer.Text);
        Assert.Contains("step 1h (chosen): 10 series x 25 points", answer.Text, StringComparison.Ordinal);
        var summaries = answer.Text.Split('\n').Where(line => line.StartsWith("  first ", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, summaries.Count);
        foreach (var (pod, ip, node) in new[] { ("inventory-service-nqd7g2kmgz-gprsm", "10.244.3.29", "node-03"), ("inventory-service-nqd7g2kmgz-mgrvd", "10.244.2.29", "node-02") })
        {
            var block = answer.Block($"{{instance=\"{ip}:8080\",service=\"inventory-service\"}} (pod inventory/{pod} on {node})");
            Assert.Matches(@"trend rising \+(1[5-9]|2\d)(\.\d)?M/h \(\+\d+% over the window\); memory limit 1\.07G reached in ~\d+h(\d+m)? at this rate \(about \S+Z\); no sharp departures$", block[1]);
        }

        Assert.Equal(8, summaries.Count(line => line.Contains("trend steady; ", StringComparison.Ordinal) && line.EndsWith("; no sharp departures", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Six_hours_of_the_slow_leak_rise_toward_the_memory_limit_with_the_time_left()
    {
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", stack.Environment, Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var answer = await client.CallAsync("prom_query_range", ("query", "process_resident_memory_bytes{service=\"inventory-service\"}"), ("start", "6h"), ("end", "now"));

        Assert.False(answer.IsError, answer.Text);
        TestContext.Current.TestOutputHelper?.WriteLine(answer.Text);
        var summaries = answer.Text.Split('\n').Where(line => line.StartsWith("  first ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, summaries.Count);
        // 750 → 881 MB is 17% of the level (a drift), but 40% of the headroom under the 1 GiB limit: a leak.
        Assert.All(summaries, line => Assert.Matches(@"trend rising \+(1[5-9]|2\d)(\.\d)?M/h .*; memory limit 1\.07G reached in ~\d+h", line));
        Assert.Contains("(pod inventory/inventory-service-nqd7g2kmgz-gprsm on node-03)", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_step_the_day_comes_in_hourly_points_and_the_spike_is_still_placed_within_one_step()
    {
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", stack.Environment, Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var answer = await client.CallAsync("prom_query_range", ("query", DemoQueries.ErrorRateByService), ("start", DayStart), ("end", DayEnd));

        Assert.False(answer.IsError, answer.Text);
        Assert.Contains("step 1h (chosen): 5 series x 25 points", answer.Text, StringComparison.Ordinal);
        Assert.Contains("values at each step", answer.Text, StringComparison.Ordinal);
        var rise = Assert.Single(answer.Block("{service=\"payments-api\"}"), line => line.Contains("rise from", StringComparison.Ordinal));
        Assert.InRange(DepartureStart(rise), stack.Story.Deploy, stack.Story.Deploy + TimeSpan.FromHours(1));
        Assert.Contains("the range window [5m] is shorter than the step 1h", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raw_points_come_only_when_asked_and_stay_within_the_budget()
    {
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", stack.Environment, Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var answer = await client.CallAsync("prom_query_range", ("query", DemoQueries.ErrorRateByService), ("start", DayStart), ("end", DayEnd), ("step", "15s"), ("raw", true));

        Assert.False(answer.IsError, answer.Text);
        Assert.True(answer.Bytes <= 8000, $"{answer.Bytes} bytes");
        Assert.Contains($"raw values at each step from {DayStart}", answer.Text, StringComparison.Ordinal);
        Assert.Contains("cut after point", answer.Text, StringComparison.Ordinal);
        Assert.Contains("narrow the range or raise step", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_that_prometheus_would_refuse_is_refused_before_sending_with_the_step_that_works()
    {
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", stack.Environment, Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var answer = await client.CallAsync("prom_query_range", ("query", "up"), ("start", "now-24h"), ("step", "1s"));

        Assert.True(answer.IsError);
        Assert.Equal("step: 1d at step 1s is 86,401 points per series; Prometheus refuses more than 11,000. Use step 10s or larger, a shorter range, or omit step to let the server choose.", answer.Text);
    }

    [Theory]
    [InlineData("sum(rate(http_requests_total[5m]", "query: Prometheus rejected it (bad_data): ", "parse error")]
    [InlineData("http_requests_total / on (service) process_resident_memory_bytes", "query: Prometheus could not evaluate it (execution): ", "many-to-many matching not allowed")]
    public async Task Prometheus_errors_come_back_verbatim_naming_the_query(string query, string prefix, string prometheusWords)
    {
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", stack.Environment, Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var answer = await client.CallAsync("prom_query_range", ("query", query), ("start", "now-1h"));

        Assert.True(answer.IsError);
        Assert.StartsWith(prefix, answer.Text, StringComparison.Ordinal);
        Assert.Contains(prometheusWords, answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("start", "yesterday", "start: 'yesterday' is not a time")]
    [InlineData("step", "fast", "step: 'fast' is not a duration")]
    public async Task Bad_times_and_steps_are_refused_naming_the_argument(string argument, string value, string expected)
    {
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", stack.Environment, Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var answer = await client.CallAsync("prom_query_range", ("query", "up"), (argument, value));

        Assert.True(answer.IsError);
        Assert.StartsWith(expected, answer.Text, StringComparison.Ordinal);
    }

    /// <summary>Prints the answer's size beside the size of the same query's raw matrix from Prometheus.</summary>
    private async Task PrintComparisonAsync(ToolAnswer answer, string query, string stepSeconds)
    {
        using var http = new HttpClient { BaseAddress = stack.PrometheusUrl };
        var url = $"api/v1/query_range?query={Uri.EscapeDataString(query)}&start={PromTime.ToUnixSeconds(stack.Story.Now - TimeSpan.FromHours(24))}&end={PromTime.ToUnixSeconds(stack.Story.Now)}&step={stepSeconds}";
        var raw = await http.GetByteArrayAsync(new Uri(url, UriKind.Relative), Ct);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{query} over 24h at {stepSeconds}s: prom_query_range answer {answer.Bytes:N0} bytes; raw Prometheus matrix {raw.Length:N0} bytes ({(double)raw.Length / answer.Bytes:N0}x)"));
    }

    private static DateTimeOffset DepartureStart(string line)
    {
        var match = RiseLine().Match(line);
        Assert.True(match.Success, line);
        return DateTimeOffset.Parse(match.Groups["start"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"rise from (?<start>\S+Z) to the end")]
    private static partial Regex RiseLine();
}
