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
public sealed record NodeProblem(string Name, string Condition, DateTimeOffset? Since, string? Message, IReadOnlyList<string> StrandedPods)
{
    /// <summary>The workloads (<c>namespace/name</c>) the stranded pods belong to, with how many pods each.</summary>
    public IReadOnlyList<(string Workload, int Pods)> StrandedWorkloads { get; init; } = [];
}

/// <summary>Everything <c>k8s_find_unhealthy</c> finds, computed from plain API objects.</summary>
public sealed record UnhealthyReport(
    IReadOnlyList<PodSummary> Pods,
    IReadOnlyList<NodeProblem> Nodes,
    IReadOnlyList<WorkloadProblem> Workloads,
    int PodCount,
    int NodeCount)
{
    /// <summary>Workloads with unhealthy pods or short of replicas (not only by pods stranded on a lost node), worst first.</summary>
    public IReadOnlyList<AffectedWorkload> Affected { get; init; } = [];

    /// <summary>Ready nodes short of CPU or memory, with the pod taking most and the unhealthy pods beside it (<see cref="NodePressure.Find"/>).</summary>
    public IReadOnlyList<NodePressure> Pressure { get; init; } = [];

    /// <summary>Severity order for rows: what blocks traffic first.</summary>
    private static readonly string[] Severity = ["CrashLoopBackOff", "CrashLoopBackOff(OOMKilled)", "OOMKilled", "ImagePullBackOff", "ErrImagePull", "CreateContainerConfigError", "Unschedulable", "Pending"];

    public static UnhealthyReport Build(
        IReadOnlyList<V1Pod> pods, IReadOnlyList<V1Node> nodes, IEnumerable<V1Deployment> deployments,
        IEnumerable<V1StatefulSet> statefulSets, IEnumerable<V1DaemonSet> daemonSets, DateTimeOffset now,
        IEnumerable<V2HorizontalPodAutoscaler>? autoscalers = null, IEnumerable<Corev1Event>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(nodes);
        var summaries = pods.Select(p => PodSummary.From(p, now)).ToList();
        var podOf = new Dictionary<PodSummary, V1Pod>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < pods.Count; i++)
            podOf[summaries[i]] = pods[i];
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
            [.. stranded.Where(p => p.Node == n.Node.Metadata?.Name).Select(p => $"{p.Namespace}/{p.Name}")])
        {
            StrandedWorkloads = [.. stranded.Where(p => p.Node == n.Node.Metadata?.Name)
                .GroupBy(p => AffectedWorkload.OwnerOf(podOf[p]) is var o ? $"{o.Namespace}/{o.Name}" : "")
                .Select(g => (g.Key, g.Count()))
                .OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal)],
        }).ToList();
        var podProblems = summaries
            .Where(p => p.Problem is not null && !stranded.Contains(p))
            .OrderBy(p => Array.IndexOf(Severity, p.Problem) is var i && i >= 0 ? i : Severity.Length)
            .ThenBy(p => p.Namespace, StringComparer.Ordinal)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();

        var workloads = new List<WorkloadProblem>();
        var wanted = new Dictionary<string, int>(StringComparer.Ordinal);
        var newReplicaSets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in deployments ?? [])
        {
            wanted[$"{d.Metadata?.NamespaceProperty}/deployment/{d.Metadata?.Name}"] = d.Spec?.Replicas ?? 1;
            if (ReplicaSetSplit.NewReplicaSetOf(d) is { } newReplicaSet)
                newReplicaSets[$"{d.Metadata?.NamespaceProperty}/{d.Metadata?.Name}"] = newReplicaSet;
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
            wanted[$"{s.Metadata?.NamespaceProperty}/statefulset/{s.Metadata?.Name}"] = s.Spec?.Replicas ?? 1;
            var desired = s.Spec?.Replicas ?? 1;
            var ready = s.Status?.ReadyReplicas ?? 0;
            if (ready < desired)
                workloads.Add(new WorkloadProblem(s.Metadata?.NamespaceProperty ?? "", "statefulset", s.Metadata?.Name ?? "?", string.Create(CultureInfo.InvariantCulture, $"ready {ready}/{desired}"), null));
        }

        foreach (var ds in daemonSets ?? [])
        {
            wanted[$"{ds.Metadata?.NamespaceProperty}/daemonset/{ds.Metadata?.Name}"] = ds.Status?.DesiredNumberScheduled ?? 0;
            var unavailable = ds.Status?.NumberUnavailable ?? 0;
            var onLostNodes = stranded.Count(p => p.Namespace == ds.Metadata?.NamespaceProperty && p.Name.StartsWith(ds.Metadata?.Name + "-", StringComparison.Ordinal));
            if (unavailable > onLostNodes)
            {
                workloads.Add(new WorkloadProblem(ds.Metadata?.NamespaceProperty ?? "", "daemonset", ds.Metadata?.Name ?? "?",
                    string.Create(CultureInfo.InvariantCulture, $"ready {ds.Status?.NumberReady ?? 0}/{ds.Status?.DesiredNumberScheduled ?? 0}"), null));
            }
        }

        // A workload held at its autoscaler's maximum is short of the replicas its load asks for, though all it has are
        // available: the controller says so with ScalingLimited/TooManyReplicas.
        foreach (var hpa in autoscalers ?? [])
        {
            var limited = hpa.Status?.Conditions?.FirstOrDefault(c => c.Type == "ScalingLimited" && c.Status == "True" && c.Reason == "TooManyReplicas");
            var target = hpa.Spec?.ScaleTargetRef;
            if (limited is null || target is null || hpa.Spec!.MaxReplicas <= 0 || (hpa.Status?.CurrentReplicas ?? 0) < hpa.Spec.MaxReplicas)
                continue;
            var kind = target.Kind?.ToLowerInvariant() ?? "deployment";
            var metric = hpa.Status?.CurrentMetrics?.FirstOrDefault(m => m.Resource?.Current?.AverageUtilization is not null)?.Resource;
            var load = metric is null ? "" : string.Create(CultureInfo.InvariantCulture, $"; {metric.Name} {metric.Current.AverageUtilization}% of request");
            var since = Ages.Utc(limited.LastTransitionTime) is { } at ? $" for {Ages.Format(now - at)}" : "";
            var why = string.Create(CultureInfo.InvariantCulture, $"autoscaler {hpa.Metadata?.Name} at maximum {hpa.Spec.MaxReplicas} replicas{since} (ScalingLimited {limited.Reason}){load}");
            var existing = workloads.FindIndex(w => w.Namespace == hpa.Metadata?.NamespaceProperty && w.Kind == kind && w.Name == target.Name);
            if (existing >= 0)
                workloads[existing] = workloads[existing] with { Why = workloads[existing].Why is { } other ? $"{other}; {why}" : why };
            else
                workloads.Add(new WorkloadProblem(hpa.Metadata?.NamespaceProperty ?? "", kind, target.Name ?? "?",
                    string.Create(CultureInfo.InvariantCulture, $"at autoscaler maximum {hpa.Status!.CurrentReplicas}/{hpa.Spec.MaxReplicas}"), why));
        }

        // A workload short only by its pods stranded on a lost node is named with that node, not twice.
        var strandedBy = stranded.GroupBy(p => AffectedWorkload.OwnerOf(podOf[p]) is var o ? $"{o.Namespace}/{o.Name}" : "").ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var unexplained = workloads.Where(w => w.Why is not null || !strandedBy.TryGetValue($"{w.Namespace}/{w.Name}", out var onLost) || Shortfall(w) > onLost).ToList();
        var affected = AffectedWorkload.Group([.. podProblems.Select(p => (podOf[p], p))], unexplained, wanted, FirstWarnings(warnings ?? [], now));
        affected = ReplicaSetSplit.Apply(affected, pods, newReplicaSets);
        return new UnhealthyReport(podProblems, nodeProblems, workloads, summaries.Count, nodes.Count) { Affected = affected };
    }

    /// <summary>
    /// The first time of the warning events about each pod (<c>namespace/name</c>) that still recur, seen within
    /// <see cref="PodSummary.RecentWindow"/>: an event the API server has kept updating since its first time is
    /// evidence the trouble has lasted that long (one that stopped would have expired, its series broken).
    /// </summary>
    public static IReadOnlyDictionary<string, DateTimeOffset> FirstWarnings(IEnumerable<Corev1Event> warnings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var first = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var e in warnings)
        {
            if (e.Type != "Warning" || e.InvolvedObject?.Kind != "Pod" || EventDigest.LastSeen(e) < now - PodSummary.RecentWindow
                || Ages.Utc(e.FirstTimestamp ?? e.EventTime ?? e.Metadata?.CreationTimestamp) is not { } at)
                continue;
            var key = $"{e.InvolvedObject.NamespaceProperty}/{e.InvolvedObject.Name}";
            if (!first.TryGetValue(key, out var earlier) || at < earlier)
                first[key] = at;
        }

        return first;
    }

    /// <summary>Replicas missing, from "available 2/4" or "ready 2/4".</summary>
    private static int Shortfall(WorkloadProblem workload)
    {
        var numbers = workload.Replicas.Split(' ', ',').FirstOrDefault(part => part.Contains('/', StringComparison.Ordinal))?.Split('/');
        return numbers is [var have, var want] && int.TryParse(have, CultureInfo.InvariantCulture, out var h) && int.TryParse(want, CultureInfo.InvariantCulture, out var w) ? w - h : 1;
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
