using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using ModelContextProtocol.Server;
using SreSuite.InfraTools.Kubernetes;
using SreSuite.InfraTools.Triage;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Tools;

[McpServerToolType]
public sealed class WorkloadTools(KubernetesConnection kube, PodQueries queries, AnswerBudgets budgets, TimeProvider time)
{
    [McpServerTool(Name = "k8s_describe_workload", Title = "Workloads: Describe", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Describe replicas, rollout, revisions, containers, env, pods, events.")]
    public async Task<string> DescribeAsync(
        [Description(Arguments.WorkloadHelp), StringLength(260)] string workload,
        [Description(Arguments.NamespaceDefault), StringLength(63)] string @namespace = "",
        CancellationToken cancellationToken = default)
    {
        var ns = Arguments.NamespaceOf(kube, @namespace, allowAll: false)!;
        var (kind, name) = Arguments.Workload("workload", workload, "deployment", "statefulset", "daemonset");
        var now = time.GetUtcNow();
        var answer = budgets.Start("k8s_describe_workload");
        V1ObjectMeta metadata;
        V1PodTemplateSpec? template;
        string selector;
        var owned = new HashSet<string>(StringComparer.Ordinal);
        switch (kind)
        {
            case "deployment":
                var deployment = await kube.Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: cancellationToken);
                (metadata, template, selector) = (deployment.Metadata, deployment.Spec?.Template, Workloads.SelectorText(deployment.Spec?.Selector));
                var s = deployment.Status;
                var strategy = deployment.Spec?.Strategy;
                answer.AppendLine(UntrustedText.Line(string.Create(CultureInfo.InvariantCulture,
                    $"deployment {ns}/{name}: revision {Annotation(metadata, "deployment.kubernetes.io/revision") ?? "?"}, age {Ages.Since(metadata.CreationTimestamp, now)}, strategy {strategy?.Type ?? "RollingUpdate"}{(strategy?.RollingUpdate is { } ru ? $" (maxSurge {ru.MaxSurge}, maxUnavailable {ru.MaxUnavailable})" : "")}")));
                answer.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"replicas: desired {deployment.Spec?.Replicas ?? 1}, current {s?.Replicas ?? 0}, updated {s?.UpdatedReplicas ?? 0}, ready {s?.ReadyReplicas ?? 0}, available {s?.AvailableReplicas ?? 0}, unavailable {s?.UnavailableReplicas ?? 0}"));
                answer.AppendLine("rollout: " + UntrustedText.Line(Workloads.RolloutState(deployment, now), 300));
                answer.AppendLine("conditions: " + UntrustedText.Line(string.Join("; ", (s?.Conditions ?? []).Select(c => $"{c.Type}={c.Status} {c.Reason}"))));
                await AppendReplicaSetsAsync(answer, deployment, selector, owned, now, cancellationToken);
                break;
            case "statefulset":
                var set = await kube.Client.AppsV1.ReadNamespacedStatefulSetAsync(name, ns, cancellationToken: cancellationToken);
                (metadata, template, selector) = (set.Metadata, set.Spec?.Template, Workloads.SelectorText(set.Spec?.Selector));
                answer.AppendLine(UntrustedText.Line(string.Create(CultureInfo.InvariantCulture,
                    $"statefulset {ns}/{name}: age {Ages.Since(metadata.CreationTimestamp, now)}, update strategy {set.Spec?.UpdateStrategy?.Type ?? "RollingUpdate"}, revision {set.Status?.UpdateRevision ?? "?"}")));
                answer.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"replicas: desired {set.Spec?.Replicas ?? 1}, current {set.Status?.CurrentReplicas ?? 0}, updated {set.Status?.UpdatedReplicas ?? 0}, ready {set.Status?.ReadyReplicas ?? 0}"));
                answer.AppendLine("rollout: " + UntrustedText.Line(Workloads.RolloutState(set)));
                break;
            default:
                var daemons = await kube.Client.AppsV1.ReadNamespacedDaemonSetAsync(name, ns, cancellationToken: cancellationToken);
                (metadata, template, selector) = (daemons.Metadata, daemons.Spec?.Template, Workloads.SelectorText(daemons.Spec?.Selector));
                var d = daemons.Status;
                answer.AppendLine(string.Create(CultureInfo.InvariantCulture, $"daemonset {ns}/{name}: age {Ages.Since(metadata.CreationTimestamp, now)}"));
                answer.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"nodes: desired {d?.DesiredNumberScheduled ?? 0}, current {d?.CurrentNumberScheduled ?? 0}, updated {d?.UpdatedNumberScheduled ?? 0}, ready {d?.NumberReady ?? 0}, available {d?.NumberAvailable ?? 0}, unavailable {d?.NumberUnavailable ?? 0}"));
                answer.AppendLine("rollout: " + UntrustedText.Line(Workloads.RolloutState(daemons)));
                break;
        }

        answer.AppendUntrustedRows($"pod template of {kind} {ns}/{name}", [.. Workloads.Containers(template?.Spec)], "container lines", "use k8s_get with path=spec.template.spec.containers[0]");

        var (pods, _) = await queries.AllAsync(ns, selector, null, cancellationToken);
        var summaries = pods.Select(p => PodSummary.From(p, now)).ToList();
        answer.AppendLine(string.Create(CultureInfo.InvariantCulture, $"pods ({summaries.Count}): {PodRows.Header}"));
        answer.AppendRows(summaries, p => PodRows.Format(p, now, withNamespace: false, showProblem: true), "pods", $"use k8s_list_pods with label_selector={UntrustedText.Line(selector)}");

        owned.Add(name);
        foreach (var pod in summaries)
            owned.Add(pod.Name);
        var events = (await queries.EventsAsync(ns, null, cancellationToken))
            .Where(e => owned.Contains(e.InvolvedObject?.Name ?? "") && EventDigest.LastSeen(e) >= now - PodSummary.RecentWindow);
        var groups = EventDigest.MergeRepeatedNormal(EventDigest.ByObjectAndReason(events));
        if (groups.Count > 0)
        {
            answer.AppendLine("events, last 1h, newest first:");
            answer.AppendUntrustedRows($"Kubernetes events of {kind} {ns}/{name}", [.. groups.Select(g => EventDigest.Format(g, now, withNamespace: false, maxMessage: 160))],
                "event groups", $"use k8s_events namespace={ns}");
        }

        return answer.ToString();
    }

    [McpServerTool(Name = "k8s_rollout_history", Title = "Workloads: Show history", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Show workload revisions: time, images, replicas, change-cause.")]
    public async Task<string> RolloutHistoryAsync(
        [Description(Arguments.WorkloadHelp), StringLength(260)] string workload,
        [Description(Arguments.NamespaceDefault), StringLength(63)] string @namespace = "",
        CancellationToken cancellationToken = default)
    {
        var ns = Arguments.NamespaceOf(kube, @namespace, allowAll: false)!;
        var (kind, name) = Arguments.Workload("workload", workload, "deployment", "statefulset", "daemonset");
        var now = time.GetUtcNow();
        List<(long Revision, DateTimeOffset? Created, string Replicas, string Images, string? Cause)> revisions;
        string current;
        if (kind == "deployment")
        {
            var deployment = await kube.Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: cancellationToken);
            current = Annotation(deployment.Metadata, "deployment.kubernetes.io/revision") ?? "?";
            var sets = await kube.Client.AppsV1.ListNamespacedReplicaSetAsync(ns, labelSelector: Workloads.SelectorText(deployment.Spec?.Selector), cancellationToken: cancellationToken);
            revisions = [.. (sets.Items ?? [])
                .Where(rs => rs.Metadata?.OwnerReferences?.Any(o => o.Uid == deployment.Metadata?.Uid) == true)
                .Select(rs => (
                    Revision: long.TryParse(Annotation(rs.Metadata, "deployment.kubernetes.io/revision"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 0,
                    Created: Ages.Utc(rs.Metadata?.CreationTimestamp),
                    Replicas: string.Create(CultureInfo.InvariantCulture, $"{rs.Status?.ReadyReplicas ?? 0}/{rs.Spec?.Replicas ?? 0}"),
                    Images: Workloads.ShortImages(rs.Spec?.Template?.Spec?.Containers),
                    Cause: Annotation(rs.Metadata, "kubernetes.io/change-cause")))];
        }
        else
        {
            var (uid, selector, currentRevision) = kind == "statefulset"
                ? await StatefulSetAsync(name, ns, cancellationToken)
                : await DaemonSetAsync(name, ns, cancellationToken);
            var list = await kube.GetJsonAsync($"/apis/apps/v1/namespaces/{Uri.EscapeDataString(ns)}/controllerrevisions?labelSelector={Uri.EscapeDataString(selector)}", cancellationToken);
            revisions = [.. (list["items"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .Where(cr => (cr["metadata"]?["ownerReferences"] as JsonArray)?.Any(o => (string?)o?["uid"] == uid) == true)
                .Select(cr => (
                    Revision: (long?)cr["revision"] ?? 0,
                    Created: DateTimeOffset.TryParse((string?)cr["metadata"]?["creationTimestamp"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null,
                    Replicas: (string?)cr["metadata"]?["name"] ?? "-",
                    Images: string.Join(',', (cr["data"]?["spec"]?["template"]?["spec"]?["containers"] as JsonArray ?? []).Select(c => Workloads.ShortImage((string?)c?["image"]))),
                    Cause: (string?)cr["metadata"]?["annotations"]?["kubernetes.io/change-cause"]))];
            // A DaemonSet does not name its current revision; its newest ControllerRevision is the one it rolls out.
            var newest = revisions.Count == 0 ? 0 : revisions.Max(r => r.Revision);
            current = revisions.FirstOrDefault(r => r.Replicas == currentRevision || (currentRevision.Length == 0 && r.Revision == newest)).Revision.ToString(CultureInfo.InvariantCulture);
        }

        var answer = budgets.Start("k8s_rollout_history");
        answer.AppendLine(UntrustedText.Line($"{kind} {ns}/{name}: {Counts.Of(revisions.Count, "revision")} kept, current revision {current}"));
        if (revisions.Count == 0)
            return answer.AppendLine("no revisions found (history may have been pruned by revisionHistoryLimit).").ToString();
        answer.AppendLine($"REVISION CREATED AGE {(kind == "deployment" ? "READY/DESIRED" : "REVISION-NAME")} IMAGES CHANGE-CAUSE");
        var rows = revisions
            .OrderByDescending(r => r.Revision)
            .Select(r => string.Create(CultureInfo.InvariantCulture,
                $"{r.Revision}{(r.Revision.ToString(CultureInfo.InvariantCulture) == current ? "*" : "")} {r.Created:yyyy-MM-dd'T'HH:mm'Z'} {Ages.Since(r.Created, now)} {r.Replicas} {r.Images} {UntrustedText.Line(r.Cause ?? "-", 200)}"))
            .ToList();
        answer.AppendUntrustedRows($"rollout history of {kind} {ns}/{name}", rows, "revisions", "older revisions are rarely needed");
        return answer.ToString();
    }

    private async Task AppendReplicaSetsAsync(AnswerBuilder answer, V1Deployment deployment, string selector, HashSet<string> owned, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sets = await kube.Client.AppsV1.ListNamespacedReplicaSetAsync(deployment.Metadata.NamespaceProperty, labelSelector: selector, cancellationToken: cancellationToken);
        var mine = (sets.Items ?? [])
            .Where(rs => rs.Metadata?.OwnerReferences?.Any(o => o.Uid == deployment.Metadata?.Uid) == true)
            .OrderByDescending(rs => long.TryParse(Annotation(rs.Metadata, "deployment.kubernetes.io/revision"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 0)
            .ToList();
        foreach (var rs in mine)
            owned.Add(rs.Metadata.Name);
        answer.AppendLine("replicasets, newest first: REVISION NAME DESIRED READY AGE IMAGES");
        answer.AppendRows(mine, rs => string.Create(CultureInfo.InvariantCulture,
            $"{Annotation(rs.Metadata, "deployment.kubernetes.io/revision") ?? "?"} {rs.Metadata.Name} {rs.Spec?.Replicas ?? 0} {rs.Status?.ReadyReplicas ?? 0} {Ages.Since(rs.Metadata.CreationTimestamp, now)} {Workloads.ShortImages(rs.Spec?.Template?.Spec?.Containers)}"),
            "replicasets", "use k8s_rollout_history");
    }

    private async Task<(string Uid, string Selector, string Current)> StatefulSetAsync(string name, string ns, CancellationToken cancellationToken)
    {
        var set = await kube.Client.AppsV1.ReadNamespacedStatefulSetAsync(name, ns, cancellationToken: cancellationToken);
        return (set.Metadata.Uid, Workloads.SelectorText(set.Spec?.Selector), set.Status?.UpdateRevision ?? "");
    }

    private async Task<(string Uid, string Selector, string Current)> DaemonSetAsync(string name, string ns, CancellationToken cancellationToken)
    {
        var set = await kube.Client.AppsV1.ReadNamespacedDaemonSetAsync(name, ns, cancellationToken: cancellationToken);
        return (set.Metadata.Uid, Workloads.SelectorText(set.Spec?.Selector), "");
    }

    private static string? Annotation(V1ObjectMeta? metadata, string key) =>
        metadata?.Annotations?.TryGetValue(key, out var value) == true ? value : null;
}
