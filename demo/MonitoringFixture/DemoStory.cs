using SreSuite.Scenarios;

namespace SreSuite.MonitoringFixture;

/// <summary>
/// The demo incident every SreSuite fixture tells, on the monitoring side. All times hang off <see cref="Now"/>
/// so the data always looks recent: 24 hours of history, the bad deploy of payments-api three hours ago.
/// </summary>
public sealed class DemoStory
{
    public const string PaymentsService = "payments-api";
    public const string PaymentsAlert = "PaymentsApiHighErrorRate";
    public const string PaymentsRunbookUrl = "https://runbooks.example.com/payments-api-high-error-rate";
    public const string LeakingService = "inventory-service";

    /// <summary>The services with request counters and memory gauges; payments-api is the one that breaks.</summary>
    public static IReadOnlyList<string> Services { get; } = [PaymentsService, "checkout-web", LeakingService, "shipping-api", "identity-api"];

    /// <summary>Status codes of <c>http_requests_total</c>: five services × two instances × four codes = 40 series.</summary>
    public static IReadOnlyList<string> Codes { get; } = ["200", "404", "500", "503"];

    /// <summary>24 hours, plus a quarter of an hour so that rate(...[5m]) over the full day has whole windows.</summary>
    public static TimeSpan History { get; } = TimeSpan.FromHours(24) + TimeSpan.FromMinutes(15);

    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(15);

    public DemoStory(DateTimeOffset now, string? scenario = null)
    {
        // Whole seconds keep every sample on the 15 s grid that ends at now.
        Now = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        Scenario = ScenarioCatalog.Load(scenario, Now);
    }

    public DateTimeOffset Now { get; }

    /// <summary>The scenario folder the alerts and silences come from (the payments story unless another is named).</summary>
    public Scenario Scenario { get; }

    public DateTimeOffset HistoryStart => Now - History;

    /// <summary>T_deploy: payments-api v2.14.0 reaches production and its 5xx rate jumps.</summary>
    public DateTimeOffset Deploy => Now - TimeSpan.FromHours(3);

    /// <summary>When PaymentsApiHighErrorRate became pending (its <c>for</c> is 3m, so it fires at T_deploy + 5m).</summary>
    public DateTimeOffset AlertActiveAt => Deploy + TimeSpan.FromMinutes(2);

    public DateTimeOffset AlertFiringAt => AlertActiveAt + AlertFor;

    public static TimeSpan AlertFor { get; } = TimeSpan.FromMinutes(3);

    /// <summary>Number of 15 s steps from <see cref="HistoryStart"/> to <see cref="Now"/>.</summary>
    public static int HistorySteps => (int)(History / Interval);
}
