using SreSuite.MonitoringFixture;
using SreSuite.Scenarios;

namespace SreSuite.ObservabilityTools.Tests;

/// <summary>
/// What the tests expect of the payments story, read from its scenario folder (demo/scenarios/payments-deploy-crashloop):
/// the deploy time from github/deployments.json, the alert's active time from alerts.json and rules.yaml, the services
/// and crash-looping pods from metrics/*.yaml.
/// </summary>
public sealed class PaymentsStory(Scenario scenario)
{
    public const string PaymentsService = "payments-api";
    public const string PaymentsAlert = "PaymentsApiHighErrorRate";
    public const string PaymentsRunbookUrl = "https://runbooks.example.com/payments-api-high-error-rate";
    public const string LeakingService = "inventory-service";

    /// <summary>The library's payments story, for facts that do not depend on the run's clock.</summary>
    public static PaymentsStory Library { get; } = new(ScenarioCatalog.Load(null, DateTimeOffset.UtcNow));

    public Scenario Scenario { get; } = scenario;

    public DateTimeOffset Now => Scenario.Clock.Now;

    /// <summary>T_deploy: payments-api v2.14.0 reaches production.</summary>
    public DateTimeOffset Deploy => Scenario.Deployments.Single(d => d.Ref == "v2.14.0").CreatedAt;

    /// <summary>When Prometheus has PaymentsApiHighErrorRate active: it fires at alerts.json's time, after its 'for'.</summary>
    public DateTimeOffset AlertActiveAt => OpenMetricsHistory.RestoredAlerts(Scenario).Single(a => a.Labels["alertname"] == PaymentsAlert).ActiveAt;

    public DateTimeOffset AlertFiringAt => OpenMetricsHistory.RestoredAlerts(Scenario).Single(a => a.Labels["alertname"] == PaymentsAlert).FiringAt;

    /// <summary>The services with request counters.</summary>
    public static IReadOnlyList<string> Services => [.. Library.Scenario.Metrics.Where(s => s.Labels["__name__"] == "http_requests_total").Select(s => s.Labels["service"]).Distinct()];

    /// <summary>The pods with restart counters: the bad ReplicaSet's, crash-looping since the deploy.</summary>
    public static IReadOnlyList<string> CrashLoopingPods => [.. Library.Scenario.Metrics.Where(s => s.Labels["__name__"] == "kube_pod_container_status_restarts_total").Select(s => s.Labels["pod"])];
}
