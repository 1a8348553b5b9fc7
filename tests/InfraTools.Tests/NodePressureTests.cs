using k8s.Models;
using SreSuite.InfraTools.Triage;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Tests;

/// <summary>
/// A noisy neighbour: one pod far above its request takes its node's CPU and the pods beside it slow down, while an
/// old crash loop elsewhere is the loudest failure. Computed from plain API objects and metrics.k8s.io usage.
/// </summary>
public sealed class NodePressureTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 8, 15, 10, 0, TimeSpan.Zero);

    private static V1Node Node(string name, string ready = "True", params V1NodeCondition[] more) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Status = new V1NodeStatus
        {
            Allocatable = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("8"), ["memory"] = new("32Gi") },
            Conditions = [new V1NodeCondition { Type = "Ready", Status = ready }, .. more],
        },
    };

    private static V1Pod Pod(string ns, string name, string node, string cpuRequest, bool ready = true, int restarts = 0, string? waiting = null, int createdDaysAgo = 9) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, CreationTimestamp = Now.AddDays(-createdDaysAgo).UtcDateTime },
        Spec = new V1PodSpec
        {
            NodeName = node,
            Containers = [new V1Container { Name = "main", Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpuRequest) } } }],
        },
        Status = new V1PodStatus
        {
            Phase = "Running",
            Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False", LastTransitionTime = Now.AddMinutes(-6).UtcDateTime }],
            ContainerStatuses =
            [
                new V1ContainerStatus
                {
                    Name = "main", Ready = ready, RestartCount = restarts, Image = "i", ImageID = "i",
                    State = waiting is null
                        ? new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = Now.AddHours(-1).UtcDateTime } }
                        : new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = waiting } },
                    LastState = restarts == 0 ? null : new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 1, Reason = "Error", FinishedAt = Now.AddMinutes(-6).UtcDateTime } },
                },
            ],
        },
    };

    private static readonly V1Node[] Nodes = [Node("node-01"), Node("node-02")];

    private static readonly V1Pod[] Pods =
    [
        Pod("search", "catalog-reindex-29725320-x8kqt", "node-02", "250m", createdDaysAgo: 0),
        Pod("shop", "cart-59f8c7d6b4-h6r2t", "node-02", "200m", ready: false),
        Pod("shop", "checkout-api-6c9d8b7f5k-m8k4d", "node-02", "500m"),
        Pod("shop", "promo-banner-h6xrzbbfkk-qd6gk", "node-01", "100m", ready: false, restarts: 811, waiting: "CrashLoopBackOff", createdDaysAgo: 3),
    ];

    private static readonly Dictionary<string, Usage> NodeUsage = new()
    {
        ["node-01"] = new(2.9, 12e9),
        ["node-02"] = new(7.76, 14e9),
    };

    private static readonly Dictionary<string, Usage> PodUsage = new()
    {
        ["search/catalog-reindex-29725320-x8kqt"] = new(7.1, 3e9),
        ["shop/cart-59f8c7d6b4-h6r2t"] = new(0.07, 2e8),
        ["shop/checkout-api-6c9d8b7f5k-m8k4d"] = new(0.19, 4e8),
        ["shop/promo-banner-h6xrzbbfkk-qd6gk"] = new(0.01, 1e7),
    };

    private static UnhealthyReport Report(IReadOnlyDictionary<string, Usage> nodeUsage, IReadOnlyDictionary<string, Usage> podUsage, params V1Node[] nodes)
    {
        var report = UnhealthyReport.Build(Pods, nodes, [], [], [], Now);
        return report with { Pressure = NodePressure.Find(nodes, Pods, report.Pods, nodeUsage, podUsage, Now) };
    }

    [Fact]
    public void A_node_near_its_allocatable_cpu_names_the_pod_far_above_its_request_and_the_unhealthy_pods_beside_it()
    {
        var pressure = Assert.Single(Report(NodeUsage, PodUsage, Nodes).Pressure);

        Assert.Equal(
            "node-02 saturated: cpu 97% of allocatable (7.8 of 8 cores); heaviest pod search/catalog-reindex-29725320-x8kqt 7.1 cores, 28.4× its request 250m; unhealthy beside it: shop/cart-59f8c7d6b4-h6r2t NotReady",
            pressure.Format());
    }

    [Fact]
    public void The_saturated_node_leads_the_answer_before_an_older_crash_loop_and_the_summary_counts_it()
    {
        var report = Report(NodeUsage, PodUsage, Nodes);
        var text = UnhealthyAnswer.Write(new AnswerBuilder(5000), new StructuredAnswer(2500), report, [], 0, null, false, Now);
        var lines = text.Split('\n');

        Assert.StartsWith("unhealthy in all namespaces: 2 workloads (2 pods), 0 nodes not ready (0 pods stranded), 1 node saturated — of 4 pods, 2 nodes", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("NODES SATURATED (1)", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("node-02 saturated:", lines[2], StringComparison.Ordinal);
        Assert.True(Array.FindIndex(lines, l => l.StartsWith("AFFECTED WORKLOADS", StringComparison.Ordinal)) > 2);
        Assert.Contains("promo-banner", text, StringComparison.Ordinal);
    }

    [Fact]
    public void In_a_small_budget_the_saturated_node_and_every_section_header_stay()
    {
        var report = Report(NodeUsage, PodUsage, Nodes);
        var text = UnhealthyAnswer.Write(new AnswerBuilder(1000), new StructuredAnswer(500), report, [], 0, null, false, Now);

        Assert.Contains("NODES SATURATED (1)", text, StringComparison.Ordinal);
        Assert.Contains("catalog-reindex-29725320-x8kqt", text, StringComparison.Ordinal);
        Assert.Contains("AFFECTED WORKLOADS (2)", text, StringComparison.Ordinal);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(text) <= 1000);
    }

    [Fact]
    public void Without_metrics_or_pressure_conditions_no_node_is_named_and_the_answer_is_as_before()
    {
        var report = Report(new Dictionary<string, Usage>(), new Dictionary<string, Usage>(), Nodes);
        var text = UnhealthyAnswer.Write(new AnswerBuilder(5000), new StructuredAnswer(2500), report, [], 0, null, false, Now);

        Assert.Empty(report.Pressure);
        Assert.DoesNotContain("saturated", text, StringComparison.Ordinal);
        Assert.StartsWith("AFFECTED WORKLOADS (2)", text.Split('\n')[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_busy_node_below_nine_tenths_of_its_allocatable_is_not_saturated()
    {
        var usage = new Dictionary<string, Usage> { ["node-01"] = new(2.9, 12e9), ["node-02"] = new(7.1, 14e9) };

        Assert.Empty(Report(usage, PodUsage, Nodes).Pressure);
    }

    [Fact]
    public void A_kubelet_pressure_condition_is_named_with_how_long_and_why_even_without_metrics()
    {
        var pressured = Node("node-02", "True", new V1NodeCondition
        {
            Type = "MemoryPressure", Status = "True", LastTransitionTime = Now.AddMinutes(-12).UtcDateTime, Message = "kubelet has insufficient memory available",
        });

        var pressure = Assert.Single(Report(new Dictionary<string, Usage>(), new Dictionary<string, Usage>(), Node("node-01"), pressured).Pressure);

        Assert.Equal("node-02 saturated: MemoryPressure for 12m: kubelet has insufficient memory available; unhealthy beside it: shop/cart-59f8c7d6b4-h6r2t NotReady", pressure.Format());
    }

    [Fact]
    public void A_not_ready_node_is_reported_as_not_ready_not_as_saturated()
    {
        var lost = Node("node-02", "Unknown");

        Assert.Empty(Report(NodeUsage, PodUsage, Node("node-01"), lost).Pressure);
    }
}
