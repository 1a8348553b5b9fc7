using System.Globalization;
using SreSuite.MonitoringFixture;

namespace SreSuite.ObservabilityTools.Tests.Fixture;

/// <summary>The generator's promises that the range-query assertions and the demo depend on.</summary>
public sealed class DemoMetricsTests
{
    private static readonly DemoStory Story = new(new DateTimeOffset(2026, 3, 10, 12, 0, 7, 400, TimeSpan.Zero));

    private static DemoSeries Requests(string service, string code, int replica = 0) => DemoMetrics.For(Story)
        .Single(s => s.Family == DemoMetrics.Requests && s.Labels["service"] == service && s.Labels["code"] == code && s.Labels["instance"].EndsWith($".{11 + replica}:8080", StringComparison.Ordinal));

    [Fact]
    public void The_story_is_anchored_on_a_whole_second_now()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 12, 0, 7, TimeSpan.Zero), Story.Now);
        Assert.Equal(Story.Now.AddHours(-3), Story.Deploy);
        Assert.Equal(Story.Deploy.AddMinutes(5), Story.AlertFiringAt);
    }

    [Fact]
    public void There_are_forty_request_series_and_ten_memory_series()
    {
        var series = DemoMetrics.For(Story);

        Assert.Equal(40, series.Count(s => s.Family == DemoMetrics.Requests));
        Assert.Equal(10, series.Count(s => s.Family == DemoMetrics.Memory));
    }

    [Fact]
    public void Values_are_the_same_for_the_same_story()
    {
        var at = Story.Now.AddHours(-7).AddSeconds(15);

        Assert.Equal(Requests("checkout-web", "200").ValueAt(at), Requests("checkout-web", "200").ValueAt(at));
        Assert.NotEqual(Requests("checkout-web", "200").ValueAt(at), Requests("checkout-web", "200", replica: 1).ValueAt(at));
    }

    [Fact]
    public void The_payments_5xx_rate_jumps_in_the_first_interval_after_the_deploy()
    {
        var errors = Requests(DemoStory.PaymentsService, "500");
        double Increase(DateTimeOffset to) => errors.ValueAt(to)!.Value - errors.ValueAt(to - DemoStory.Interval)!.Value;

        Assert.InRange(Increase(Story.Deploy) / 15, 0.03, 0.07);
        Assert.InRange(Increase(Story.Deploy + DemoStory.Interval) / 15, 1.7, 2.3);
        Assert.InRange(Increase(Story.Now) / 15, 1.7, 2.3);
        Assert.InRange(Increase(Story.Deploy - TimeSpan.FromHours(5)) / 15, 0.03, 0.07);
    }

    [Fact]
    public void Counters_continue_between_grid_points_without_going_back()
    {
        var counter = Requests("identity-api", "200");
        var previous = 0.0;
        for (var at = Story.Now - TimeSpan.FromMinutes(2); at < Story.Now + TimeSpan.FromMinutes(2); at += TimeSpan.FromSeconds(3.7))
        {
            var value = counter.ValueAt(at)!.Value;
            Assert.True(value >= previous, $"counter went back at {at:O}");
            previous = value;
        }
    }

    [Fact]
    public void Inventory_memory_climbs_about_twenty_megabytes_an_hour_and_the_others_stay_flat()
    {
        var memory = DemoMetrics.For(Story).Where(s => s.Family == DemoMetrics.Memory).ToList();
        double Growth(DemoSeries s) => (s.ValueAt(Story.Now)!.Value - s.ValueAt(Story.Now.AddHours(-24))!.Value) / 24;

        Assert.All(memory.Where(s => s.Labels["service"] == DemoStory.LeakingService), s => Assert.InRange(Growth(s), 15e6, 26e6));
        Assert.All(memory.Where(s => s.Labels["service"] != DemoStory.LeakingService), s => Assert.InRange(Growth(s), -0.5e6, 0.5e6));
    }

    [Fact]
    public void Crash_loop_restarts_exist_only_since_the_deploy()
    {
        var restarts = DemoMetrics.For(Story).First(s => s.Family == DemoMetrics.Restarts);

        Assert.Null(restarts.ValueAt(Story.Deploy.AddSeconds(-1)));
        Assert.Equal(1, restarts.ValueAt(Story.Deploy));
        Assert.Equal(37, restarts.ValueAt(Story.Now));
    }

    [Fact]
    public void The_openmetrics_history_has_families_samples_on_the_grid_the_alert_state_and_an_end()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        OpenMetricsHistory.Write(writer, Story, DemoMetrics.For(Story).Where(s => s.Family != DemoMetrics.Requests).ToList());
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("# TYPE process_resident_memory_bytes gauge", lines);
        Assert.Contains("# TYPE payments_processor_errors counter", lines);
        Assert.Equal("# EOF", lines[^1]);
        var forState = lines.Where(l => l.StartsWith("ALERTS_FOR_STATE{", StringComparison.Ordinal)).ToList();
        Assert.Equal($"ALERTS_FOR_STATE{{alertname=\"PaymentsApiHighErrorRate\",service=\"payments-api\",severity=\"critical\"}} {Story.AlertActiveAt.ToUnixTimeSeconds()} {Story.Now.ToUnixTimeSeconds()}", forState[^1]);
        Assert.Contains(lines, l => l.StartsWith("ALERTS{alertname=\"PaymentsApiHighErrorRate\",alertstate=\"firing\"", StringComparison.Ordinal));
        var memory = lines.Where(l => l.StartsWith("process_resident_memory_bytes{", StringComparison.Ordinal)).ToList();
        Assert.Equal(10 * (DemoStory.HistorySteps + 1), memory.Count);
        Assert.All(memory, l => Assert.Equal(0, (long.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture) - Story.Now.ToUnixTimeSeconds()) % 15));
    }

    [Fact]
    public void The_live_exposition_continues_the_history_with_the_same_labels()
    {
        var at = Story.Now.AddSeconds(20);
        var text = LiveExposition.Render(DemoMetrics.For(Story), at);
        var series = Requests(DemoStory.PaymentsService, "500");

        Assert.Contains("# TYPE http_requests_total counter", text, StringComparison.Ordinal);
        Assert.Contains($"http_requests_total{series.LabelText()} {series.ValueAt(at)!.Value.ToString("R", CultureInfo.InvariantCulture)}\n", text, StringComparison.Ordinal);
        Assert.Contains("job=\"kubernetes-pods\"", series.LabelText(), StringComparison.Ordinal);
    }
}
