using k8s.Models;
using SreSuite.InfraTools.Triage;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Tests;

/// <summary>
/// Issue 20, part 4, for k8s_list_pods: the summary of a whole selection when it spans more than one answer, computed
/// from plain API objects (no MCP, no cluster), and written so that the summary and its headers are never what is cut.
/// </summary>
public sealed class PodSelectionTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 14, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A pod of a Deployment's ReplicaSet (<c>web-abc12</c>), as the API server returns it.</summary>
    private static V1Pod Pod(string ns, string deployment, string suffix, string node, bool ready = true, string? waiting = null, string phase = "Running") => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = $"{deployment}-abc12-{suffix}",
            NamespaceProperty = ns,
            CreationTimestamp = Now.AddDays(-3).UtcDateTime,
            Labels = new Dictionary<string, string> { ["pod-template-hash"] = "abc12" },
            OwnerReferences = [new V1OwnerReference { Kind = "ReplicaSet", Name = $"{deployment}-abc12", Controller = true, ApiVersion = "apps/v1", Uid = "u" }],
        },
        Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "main" }] },
        Status = new V1PodStatus
        {
            Phase = phase,
            Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False", LastTransitionTime = Now.AddMinutes(-40).UtcDateTime }],
            ContainerStatuses =
            [
                new V1ContainerStatus
                {
                    Name = "main", Ready = ready, Image = "i", ImageID = "i",
                    State = waiting is null
                        ? new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = Now.AddDays(-3).UtcDateTime } }
                        : new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = waiting } },
                },
            ],
        },
    };

    /// <summary>
    /// 200 pods: 190 healthy web pods, a crash-looping api (3 of 4), four pods not ready on node-07, and one
    /// ImagePullBackOff; 8 pods need attention in 3 workloads.
    /// </summary>
    private static List<V1Pod> Cluster()
    {
        var pods = new List<V1Pod>();
        for (var i = 0; i < 190; i++)
            pods.Add(Pod("shop", "web", $"w{i:000}", $"node-{i % 6:00}"));
        for (var i = 0; i < 4; i++)
            pods.Add(Pod("shop", "api", $"a{i}", "node-01", ready: i == 3, waiting: i == 3 ? null : "CrashLoopBackOff"));
        for (var i = 0; i < 4; i++)
            pods.Add(Pod("ledger", "writer", $"l{i}", "node-07", ready: false));
        pods.Add(Pod("ledger", "reports", "r0", "node-02", ready: false, waiting: "ImagePullBackOff"));
        pods.Add(Pod("ledger", "reports", "r1", "node-03"));
        return pods;
    }

    [Fact]
    public void The_summary_counts_the_whole_selection_by_status_readiness_reason_workload_and_node()
    {
        var selection = PodSelection.Of(Cluster(), truncated: false, Now);

        Assert.Equal(200, selection.Total);
        Assert.Equal(192, selection.Ready);
        Assert.Equal(8, selection.NeedAttention);
        Assert.Equal([("Running", 196), ("CrashLoopBackOff", 3)], selection.ByStatus.Take(2));
        Assert.Equal([("NotReady", 4), ("CrashLoopBackOff", 3), ("ImagePullBackOff", 1)], selection.Problems);
        // Grouped as k8s_find_unhealthy groups them; the second number is the workload's pods in the selection.
        Assert.Equal(["ledger/deployment/writer 4/4", "shop/deployment/api 3/4", "ledger/deployment/reports 1/2"],
            selection.Workloads.Select(w => $"{w.Namespace}/{w.Kind}/{w.Name} {w.Unhealthy}/{w.Desired}"));
        Assert.Equal(("node-07", 4), selection.ByNode[0]);

        Assert.Equal("namespace shop: 200 pods match (Running 196, CrashLoopBackOff 3, ImagePullBackOff 1); 192 ready; 8 need attention", selection.Headline("namespace shop"));
        Assert.Equal(
            ["need attention, by reason: NotReady 4, CrashLoopBackOff 3, ImagePullBackOff 1", "need attention, by node: node-07 4, node-01 3, node-02 1"],
            selection.AttentionLines());
    }

    [Fact]
    public void A_healthy_selection_has_no_attention_lines_and_a_truncated_one_says_so()
    {
        var healthy = PodSelection.Of([.. Cluster().Take(190)], truncated: true, Now);

        Assert.Empty(healthy.AttentionLines());
        Assert.Empty(healthy.Workloads);
        Assert.Equal("all namespaces: 190 pods match (the first 20000 read) (Running 190); 190 ready; 0 need attention", healthy.Headline("all namespaces"));
        Assert.True(healthy.Json([])["truncated"]!.GetValue<bool>());
    }

    [Fact]
    public void The_structured_summary_agrees_with_the_text()
    {
        var selection = PodSelection.Of(Cluster(), truncated: false, Now);
        var json = selection.Json([.. selection.Workloads.Take(2)]);

        Assert.Equal(200, json["pods"]!.GetValue<int>());
        Assert.Equal(192, json["ready"]!.GetValue<int>());
        Assert.Equal(8, json["attention"]!.GetValue<int>());
        Assert.Equal(196, json["status"]!["Running"]!.GetValue<int>());
        Assert.Equal(4, json["problems"]!["NotReady"]!.GetValue<int>());
        Assert.Equal(3, json["affected"]!.GetValue<int>());
        // Only the workloads the text shows, never more.
        Assert.Equal(["writer", "api"], json["workloads"]!.AsArray().Select(w => w!["name"]!.GetValue<string>()));
        Assert.Null(json["truncated"]);
    }

    [Fact]
    public void Many_workloads_shrink_to_fit_but_the_headline_and_headers_stay_whole()
    {
        // 300 workloads with one crash-looping pod each: far more than one answer holds.
        var pods = Enumerable.Range(0, 300).Select(i => Pod($"team-{i / 10:00}", $"svc-{i:000}", "x", "node-01", ready: false, waiting: "CrashLoopBackOff")).ToList();
        var selection = PodSelection.Of(pods, truncated: false, Now);
        var answer = new AnswerBuilder(2000);

        answer.AppendLine(selection.Headline("all namespaces"));
        foreach (var line in selection.AttentionLines())
            answer.AppendLine(line);
        var (inOrder, shown) = AffectedWorkload.AppendSection(answer, selection.WorkloadsHeader, selection.Workloads, "pass namespace", reserveBytes: 600, Now);
        answer.AppendLine("PODS ON THIS PAGE (3 of 300, by namespace and name):");
        var text = answer.ToString();
        var lines = text.Split('\n');

        Assert.True(text.Length <= 2000, $"{text.Length} bytes");
        Assert.Equal("all namespaces: 300 pods match (CrashLoopBackOff 300); 0 ready; 300 need attention", lines[0]);
        Assert.Contains(selection.WorkloadsHeader, lines);
        Assert.Contains("PODS ON THIS PAGE (3 of 300, by namespace and name):", lines);
        // Rows of a namespace each (the densest form), as many as fit, then how many namespaces were left out.
        Assert.InRange(shown, 1, 299);
        Assert.Equal(300, inOrder.Count);
        Assert.Contains(lines, line => line.StartsWith("team-00: svc-000 1/1 CrashLoopBackOff, svc-001 1/1 CrashLoopBackOff", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("  … and ", StringComparison.Ordinal) && line.EndsWith(" more workloads; pass namespace", StringComparison.Ordinal));
    }
}
