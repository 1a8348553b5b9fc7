using System.Globalization;
using k8s.Models;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Triage;

/// <summary>A workload whose replicas are not all available, with why when the controller says.</summary>
public sealed record WorkloadProblem(string Namespace, string Kind, string Name, string Replicas, string? Why)
{
    public string Format() => $"{Namespace}/{Kind}/{Name} {Replicas}{(Why is null ? "" : "; " + Why)}";
}

/// <summary>A node that is not Ready, and the pods stranded on it.</summary>
public sealed record NodeProblem(string Name, string Condition, DateTimeOffset? Since, string? Message, IReadOnlyList<string> StrandedPods);

/// <summary>Everything <c>k8s_find_unhealthy</c> finds, computed from plain API objects.</summary>
public sealed record UnhealthyReport(
    IReadOnlyList<PodSummary> Pods,
    IReadOnlyList<NodeProblem> Nodes,
    IReadOnlyList<WorkloadProblem> Workloads,
    int PodCount,
    int NodeCount)
{
    /// <summary>Severity order for rows: what blocks traffic first.</summary>
    private static readonly string[] Severity = ["CrashLoopBackOff", "CrashLoopBackOff(OOMKilled)", "OOMKilled", "ImagePullBackOff", "ErrImagePull", "CreateContainerConfigError", "Unschedulable", "Pending"];

    public static UnhealthyReport Build(
        IReadOnlyList<V1Pod> pods, IReadOnlyList<V1Node> nodes, IEnumerable<V1Deployment> deployments,
        IEnumerable<V1StatefulSet> statefulSets, IEnumerable<V1DaemonSet> daemonSets, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(nodes);
        var summaries = pods.Select(p => PodSummary.From(p, now)).ToList();
        var lostNodes = nodes
            .Select(n => (Node: n, Ready: n.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")))
            .Where(n => n.Ready?.Status != "True")
            .ToList();
        var lostNames = lostNodes.Select(n => n.Node.Metadata?.Name).ToHashSet(StringComparer.Ordinal);

        // A pod whose only trouble is sitting on a lost node is reported with that node, not twice.
        var stranded = summaries.Where(p => p.Problem == "NotReady" && p.Node is not null && lostNames.Contains(p.Node)).ToList();
        var nodeProblems = lostNodes.Select(n => new NodeProblem(
            n.Node.Metadata?.Name ?? "?",
            n.Ready is null ? "Unknown" : n.Ready.Status == "Unknown" ? "NotReady (Unknown)" : "NotReady",
            Ages.Utc(n.Ready?.LastTransitionTime),
            n.Ready?.Message,
            [.. stranded.Where(p => p.Node == n.Node.Metadata?.Name).Select(p => $"{p.Namespace}/{p.Name}")])).ToList();
        var podProblems = summaries
            .Where(p => p.Problem is not null && !stranded.Contains(p))
            .OrderBy(p => Array.IndexOf(Severity, p.Problem) is var i && i >= 0 ? i : Severity.Length)
            .ThenBy(p => p.Namespace, StringComparer.Ordinal)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();

        var workloads = new List<WorkloadProblem>();
        foreach (var d in deployments ?? [])
        {
            var desired = d.Spec?.Replicas ?? 1;
            var available = d.Status?.AvailableReplicas ?? 0;
            var progressing = d.Status?.Conditions?.FirstOrDefault(c => c.Type == "Progressing");
            var stuck = progressing?.Status == "False";
            if (available >= desired && !stuck)
                continue;
            var why = stuck ? $"rollout stuck ({progressing!.Reason}): {progressing.Message}" : null;
            workloads.Add(new WorkloadProblem(d.Metadata?.NamespaceProperty ?? "", "deployment", d.Metadata?.Name ?? "?",
                string.Create(CultureInfo.InvariantCulture, $"available {available}/{desired}, updated {d.Status?.UpdatedReplicas ?? 0}"), why));
        }

        foreach (var s in statefulSets ?? [])
        {
            var desired = s.Spec?.Replicas ?? 1;
            var ready = s.Status?.ReadyReplicas ?? 0;
            if (ready < desired)
                workloads.Add(new WorkloadProblem(s.Metadata?.NamespaceProperty ?? "", "statefulset", s.Metadata?.Name ?? "?", string.Create(CultureInfo.InvariantCulture, $"ready {ready}/{desired}"), null));
        }

        foreach (var ds in daemonSets ?? [])
        {
            var unavailable = ds.Status?.NumberUnavailable ?? 0;
            var onLostNodes = stranded.Count(p => p.Namespace == ds.Metadata?.NamespaceProperty && p.Name.StartsWith(ds.Metadata?.Name + "-", StringComparison.Ordinal));
            if (unavailable > onLostNodes)
            {
                workloads.Add(new WorkloadProblem(ds.Metadata?.NamespaceProperty ?? "", "daemonset", ds.Metadata?.Name ?? "?",
                    string.Create(CultureInfo.InvariantCulture, $"ready {ds.Status?.NumberReady ?? 0}/{ds.Status?.DesiredNumberScheduled ?? 0}"), null));
            }
        }

        return new UnhealthyReport(podProblems, nodeProblems, workloads, summaries.Count, nodes.Count);
    }

    /// <summary>The objects whose events matter for this report: the pods, nodes and workloads in it.</summary>
    public bool Involves(Corev1Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var o = e.InvolvedObject;
        if (o is null)
            return false;
        return o.Kind switch
        {
            "Pod" => Pods.Any(p => p.Name == o.Name && p.Namespace == o.NamespaceProperty)
                || Nodes.Any(n => n.StrandedPods.Contains($"{o.NamespaceProperty}/{o.Name}")),
            "Node" => Nodes.Any(n => n.Name == o.Name) || Pods.Any(p => p.Node == o.Name && p.Problem is "OOMKilled" or "CrashLoopBackOff(OOMKilled)"),
            "Deployment" or "StatefulSet" or "DaemonSet" => Workloads.Any(w => w.Name == o.Name && w.Namespace == o.NamespaceProperty),
            "ReplicaSet" => Workloads.Any(w => o.Name?.StartsWith(w.Name + "-", StringComparison.Ordinal) == true && w.Namespace == o.NamespaceProperty),
            _ => false,
        };
    }
}
