using System.Globalization;
using SreSuite.MonitoringFixture;
using SreSuite.Scenarios;

namespace SreSuite.ObservabilityTools.Tests.Fixture;

/// <summary>The payments story's metrics/*.yaml, as the player plays them: the promises the range-query assertions and the demo depend on.</summary>
public sealed class ScenarioMetricsTests
{
    private static readonly Scenario Scenario = ScenarioCatalog.Load(null, new DateTimeOffset(2026, 3, 10, 12, 0, 7, 400, TimeSpan.Zero));

    private static readonly PaymentsStory Story = new(Scenario);

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private static IReadOnlyList<PlayedSeries> Series() => ScenarioMetrics.For(Scenario);

    private static PlayedSeries Requests(string service, string code, int replica = 0) => Series()
        .Where(s => s.Family.Name == "http_requests_total" && s.Labels["service"] == service && s.Labels["code"] == code).ElementAt(replica);

    [Fact]
    public void The_story_is_anchored_on_a_whole_second_now()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 12, 0, 7, TimeSpan.Zero), Story.Now);
        Assert.Equal(Story.Now.AddHours(-3), Story.Deploy);
        Assert.Equal(Story.Deploy.AddMinutes(5), Story.AlertFiringAt);
        Assert.Equal(Story.Deploy.AddMinutes(2), Story.AlertActiveAt);
    }

    [Fact]
    public void There_are_forty_request_series_and_ten_memory_series_typed_with_their_help()
    {
        var series = Series();

        Assert.Equal(40, series.Count(s => s.Family.Name == "http_requests_total"));
        Assert.Equal(10, series.Count(s => s.Family.Name == "process_resident_memory_bytes"));
        Assert.Equal(new MetricFamily("http_requests_total", MetricKind.Counter, "HTTP requests served, by service and status code."), series[0].Family);
        Assert.Equal(MetricKind.Gauge, series.First(s => s.Family.Name == "process_resident_memory_bytes").Family.Kind);
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
        var errors = Requests(PaymentsStory.PaymentsService, "500");
        double Increase(DateTimeOffset to) => errors.ValueAt(to)!.Value - errors.ValueAt(to - Interval)!.Value;

        // 0.048/s before (±12% daily, ±10% noise), 2/s after.
        Assert.InRange(Increase(Story.Deploy) / 15, 0.03, 0.07);
        Assert.InRange(Increase(Story.Deploy + Interval) / 15, 1.6, 2.6);
        Assert.InRange(Increase(Story.Now) / 15, 1.6, 2.6);
        Assert.InRange(Increase(Story.Deploy - TimeSpan.FromHours(5)) / 15, 0.03, 0.07);
    }

    [Fact]
    public void Counters_continue_between_grid_points_without_going_back()
    {
        var counter = Requests("auth-service", "200");
        var previous = 0.0;
        for (var at = Story.Now - TimeSpan.FromMinutes(2); at < Story.Now + TimeSpan.FromMinutes(2); at += TimeSpan.FromSeconds(3.7))
        {
            var value = counter.LiveValueAt(at)!.Value;
            Assert.True(value >= previous, $"counter went back at {at:O}");
            previous = value;
        }
    }

    [Fact]
    public void Inventory_memory_climbs_about_twenty_megabytes_an_hour_and_the_others_stay_flat()
    {
        var memory = Series().Where(s => s.Family.Name == "process_resident_memory_bytes").ToList();
        double Growth(PlayedSeries s) => (s.ValueAt(Story.Now)!.Value - s.ValueAt(Story.Now.AddHours(-24))!.Value) / 24;

        Assert.All(memory.Where(s => s.Labels["service"] == PaymentsStory.LeakingService), s => Assert.InRange(Growth(s), 15e6, 26e6));
        Assert.All(memory.Where(s => s.Labels["service"] != PaymentsStory.LeakingService), s => Assert.InRange(Growth(s), -0.5e6, 0.5e6));
    }

    [Fact]
    public void Crash_loop_restarts_exist_only_since_the_deploy()
    {
        var restarts = Series().First(s => s.Family.Name == "kube_pod_container_status_restarts_total");

        Assert.Equal(MetricKind.Counter, restarts.Family.Kind);
        Assert.Null(restarts.ValueAt(Story.Deploy.AddSeconds(-1)));
        Assert.Equal(1, restarts.ValueAt(Story.Deploy));
        Assert.Equal(37, restarts.ValueAt(Story.Now));
    }

    [Fact]
    public void The_openmetrics_history_has_families_samples_on_the_grid_the_alert_state_and_an_end()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        OpenMetricsHistory.Write(writer, Scenario, Series().Where(s => s.Family.Name != "http_requests_total").ToList());
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("# TYPE process_resident_memory_bytes gauge", lines);
        Assert.Contains("# TYPE payments_processor_errors counter", lines);
        Assert.Equal("# EOF", lines[^1]);
        var forState = lines.Where(l => l.StartsWith("ALERTS_FOR_STATE{", StringComparison.Ordinal)).ToList();
        Assert.Equal($"ALERTS_FOR_STATE{{alertname=\"PaymentsApiHighErrorRate\",service=\"payments-api\",severity=\"critical\"}} {Story.AlertActiveAt.ToUnixTimeSeconds()} {Story.Now.ToUnixTimeSeconds()}", forState[^1]);
        Assert.Contains(lines, l => l.StartsWith("ALERTS{alertname=\"PaymentsApiHighErrorRate\",alertstate=\"firing\"", StringComparison.Ordinal));
        var memory = lines.Where(l => l.StartsWith("process_resident_memory_bytes{", StringComparison.Ordinal)).ToList();
        Assert.Equal(10 * ((24 * 240) + 60 + 1), memory.Count);
        Assert.All(memory, l => Assert.Equal(0, (long.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture) - Story.Now.ToUnixTimeSeconds()) % 15));
    }

    [Fact]
    public void The_live_exposition_continues_the_history_with_the_same_labels()
    {
        var at = Story.Now.AddSeconds(20);
        var text = LiveExposition.Render(Series(), at);
        var series = Requests(PaymentsStory.PaymentsService, "500");

        Assert.Contains("# TYPE http_requests_total counter", text, StringComparison.Ordinal);
        Assert.Contains($"http_requests_total{series.LabelText()} {series.LiveValueAt(at)!.Value.ToString("R", CultureInfo.InvariantCulture)}\n", text, StringComparison.Ordinal);
        Assert.Contains("job=\"kubernetes-pods\"", series.LabelText(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sampled_series_plays_its_samples_and_is_served_live_only_while_its_last_sample_is_recent()
    {
        var now = new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
        var source = new MetricSeries(new Dictionary<string, string> { ["__name__"] = "queue_depth", ["queue"] = "orders" }, [(now.AddMinutes(-10), 3), (now.AddMinutes(-1), 9)], null, "metrics/q.yaml");
        var played = new PlayedSeries(source, new MetricFamily("queue_depth", MetricKind.Gauge, "Queue depth."), now);

        Assert.Equal([(now.AddMinutes(-10), 3.0), (now.AddMinutes(-1), 9.0)], played.History());
        Assert.Null(played.ValueAt(now.AddMinutes(-11)));
        Assert.Equal(3, played.ValueAt(now.AddMinutes(-5)));
        Assert.Equal(9, played.LiveValueAt(now.AddMinutes(3)));
        Assert.Null(played.LiveValueAt(now.AddMinutes(5)));
    }
}
