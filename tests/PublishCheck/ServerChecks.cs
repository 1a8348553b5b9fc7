using SreSuite.KubeFixture.Cluster;

namespace SreSuite.PublishCheck;

/// <summary>What one published server is checked with: its settings against the demo backends and the calls it must answer.</summary>
internal sealed record ServerChecks(string Server, IReadOnlyDictionary<string, string?> Settings, ToolCall Status, IReadOnlyList<ToolCall> Calls)
{
    public static IReadOnlyList<ServerChecks> For(DemoBackends backends) =>
    [
        new("InfraTools",
            new Dictionary<string, string?> { ["KUBECONFIG"] = backends.Cluster.KubeconfigPath },
            new("k8s_context", [], "context: demo"),
            [
                new("k8s_find_unhealthy", new() { ["namespace"] = DemoStory.Namespace }, "unhealthy in namespace payments"),
                new("k8s_list_pods", new() { ["namespace"] = DemoStory.Namespace, ["status"] = "unhealthy", ["limit"] = 5 }, "CrashLoopBackOff"),
                new("k8s_pod_logs", new() { ["pod"] = backends.CrashLoopingPod(), ["namespace"] = DemoStory.Namespace }, DemoStory.FatalLogLine),
                new("k8s_list", new() { ["kind"] = "deploy", ["namespace"] = DemoStory.Namespace }, "payments-api  3/4"),
                new("k8s_get", new() { ["kind"] = "deployment", ["name"] = DemoStory.Deployment }, "kind: Deployment"),
                new("k8s_describe_workload", new() { ["workload"] = DemoStory.Deployment }, DemoStory.DeployVersion),
                new("k8s_events", new() { ["namespace"] = DemoStory.Namespace }, "BackOff"),
                new("k8s_top", new() { ["namespace"] = DemoStory.Namespace }, "payments-api"),
                new("k8s_list", new() { ["kind"] = "secrets" }, "Secrets are never read", Refused: true),
                new("k8s_pod_logs", new() { ["pod"] = "x", ["tail_lines"] = 50000 }, "tail_lines: must be ≤ 2000", Refused: true),
            ]),
        new("ObservabilityTools",
            new Dictionary<string, string?>
            {
                ["PROMETHEUS_URL"] = backends.Monitoring.PrometheusUrl.ToString(),
                ["ALERTMANAGER_URL"] = backends.Monitoring.AlertmanagerUrl.ToString(),
            },
            new("prom_status", [], "(from PROMETHEUS_URL)"),
            [
                new("prom_query", new() { ["query"] = "up", ["limit"] = 5 }, "vector at "),
                new("prom_query_range", new() { ["query"] = """sum by (service) (rate(http_requests_total{code=~"5.."}[5m]))""", ["start"] = "now-6h" }, "payments-api"),
                new("prom_list_metrics", new() { ["pattern"] = "http_requests" }, "http_requests_total"),
                new("prom_label_values", new() { ["label"] = "service" }, "payments-api"),
                new("prom_alerts", [], "PaymentsApiHighErrorRate"),
                new("prom_rules", [], "PaymentsApiHighErrorRate"),
                new("prom_targets", [], "active targets: "),
                new("am_alerts", [], "PaymentsApiHighErrorRate"),
                new("am_silences", [], backends.Monitoring.Silences.NodeMaintenance),
                new("prom_query", new() { ["query"] = "sum((" }, "parse error", Refused: true),
            ]),
        new("IncidentTools",
            // The default scenario's incident story (demo/scenarios/payments-deploy-crashloop: pagerduty/, github/).
            new Dictionary<string, string?>(backends.Incidents.ServerEnvironment) { ["Runbooks__BaseUrl"] = "https://runbooks.example.com" },
            new("incident_status", [], "runbook base url: https://runbooks.example.com"),
            [
                new("runbook_lookup", new() { ["alert"] = "PaymentsApiHighErrorRate" }, "runbook://payments-api/payments-api-high-error-rate"),
                new("runbook_search", new() { ["query"] = "crash loop exit code", ["limit"] = 2 }, "runbook://payments-api/payments-api-crashloop"),
                new("service_info", new() { ["service"] = "payments-api" }, "owner: team-payments"),
                new("incident_list", [], "PINC001"),
                new("incident_get", new() { ["incident_id"] = "PINC001" }, "PaymentsApiHighErrorRate: payments-api 5xx above 5%"),
                new("oncall_now", new() { ["service"] = "payments-api" }, "Priya Raman"),
                new("deploys_recent", new() { ["service"] = "payments-api", ["since"] = "6h" }, "v2.14.0"),
                new("changes_between", new() { ["service"] = "payments-api", ["base"] = "v2.13.2", ["head"] = "v2.14.0" }, "Read processor URL from new config section"),
                new("incident_timeline", new() { ["incident_id"] = "PINC001" }, "v2.14.0"),
                new("service_info", new() { ["service"] = "billing" }, "'billing' is not in the service catalog", Refused: true),
            ]),
    ];
}
