using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using k8s;
using System.Text.Json.Nodes;
using k8s.Models;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SreSuite.InfraTools.Kubernetes;
using SreSuite.InfraTools.Triage;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Mcp;

namespace SreSuite.InfraTools.Tools;

[McpServerToolType]
public sealed class TriageTools(KubernetesConnection kube, PodQueries queries, ApiKinds kinds, AnswerBudgets budgets, TimeProvider time)
{
    [McpServerTool(Name = "k8s_find_unhealthy", Title = "Cluster: Find unhealthy", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Find failing pods (crash loop, OOM, image pull, pending), NotReady nodes, short workloads. Start here.")]
    [StructuredOutput("workloads", "nodes", "pods")]
    public async Task<CallToolResult> FindUnhealthyAsync(
        [Description("* = all"), StringLength(63)] string @namespace = "*",
        CancellationToken cancellationToken = default)
    {
        var ns = Arguments.NamespaceOf(kube, @namespace);
        var now = time.GetUtcNow();
        var podsTask = queries.AllAsync(ns, null, null, cancellationToken);
        var nodesTask = NodesOrEmptyAsync(cancellationToken);
        var deploymentsTask = queries.DeploymentsAsync(ns, cancellationToken);
        var statefulSetsTask = ns is null
            ? kube.Client.AppsV1.ListStatefulSetForAllNamespacesAsync(limit: 500, cancellationToken: cancellationToken)
            : kube.Client.AppsV1.ListNamespacedStatefulSetAsync(ns, limit: 500, cancellationToken: cancellationToken);
        var daemonSetsTask = ns is null
            ? kube.Client.AppsV1.ListDaemonSetForAllNamespacesAsync(limit: 500, cancellationToken: cancellationToken)
            : kube.Client.AppsV1.ListNamespacedDaemonSetAsync(ns, limit: 500, cancellationToken: cancellationToken);
        var eventsTask = queries.EventsAsync(ns, "type=Warning", cancellationToken);
        var autoscalersTask = AutoscalersOrEmptyAsync(ns, cancellationToken);
        var nodeUsageTask = UsageOrEmptyAsync("nodes", cancellationToken);
        await Task.WhenAll(podsTask, nodesTask, deploymentsTask, statefulSetsTask, daemonSetsTask, eventsTask, autoscalersTask, nodeUsageTask);

        var (pods, truncated) = await podsTask;
        var nodes = (await nodesTask).ToList();
        if (ns is not null)
        {
            // In one namespace, only the nodes its pods run on matter.
            var used = pods.Select(p => p.Spec?.NodeName).ToHashSet(StringComparer.Ordinal);
            nodes = [.. nodes.Where(n => used.Contains(n.Metadata?.Name))];
        }

        var report = UnhealthyReport.Build(pods, nodes, await deploymentsTask, (await statefulSetsTask).Items ?? [], (await daemonSetsTask).Items ?? [], now, await autoscalersTask, await eventsTask);
        var since = now - PodSummary.RecentWindow;
        var recent = (await eventsTask).Where(e => EventDigest.LastSeen(e) >= since).ToList();
        var related = recent.Where(report.Involves).ToList();
        // An image pull's cause (not found, unauthorized, rate-limited) is in the kubelet's pull errors, not its reason.
        report = report with { Affected = ImagePullFailure.WithCauses(report.Affected, pods, ImagePullFailure.ByPod(pods, await eventsTask)) };
        // A node saturated by one pod slows its neighbours without failing anything itself: read the pods' usage only then.
        var nodeUsage = await nodeUsageTask;
        var pressure = NodePressure.Find(nodes, pods, report.Pods, nodeUsage, new Dictionary<string, Usage>(), now);
        if (pressure.Count > 0)
            pressure = NodePressure.Find(nodes, pods, report.Pods, nodeUsage, await UsageOrEmptyAsync(ns is null ? "pods" : $"namespaces/{Uri.EscapeDataString(ns)}/pods", cancellationToken), now);
        report = report with { Pressure = pressure };
        var (answer, data) = budgets.StartStructured("k8s_find_unhealthy");
        return data.Result(UnhealthyAnswer.Write(answer, data, report, related, recent.Count - related.Count, ns, truncated, now));
    }

    [McpServerTool(Name = "k8s_events", Title = "Events: List", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("List events by object and reason with counts.")]
    [StructuredOutput("groups")]
    public async Task<CallToolResult> EventsAsync(
        [Description(Arguments.NamespaceHelp), StringLength(63)] string @namespace = "",
        [Description("e.g. pod/web-1"), StringLength(300)] string involved_object = "",
        [Description("Type"), AllowedValues("Warning", "Normal", "all")] string type = "Warning",
        [Description("e.g. 30m, 2h"), StringLength(8)] string since = "1h",
        CancellationToken cancellationToken = default)
    {
        var ns = Arguments.NamespaceOf(kube, @namespace);
        var window = Lookback.Parse(since) ?? throw new ToolInputException("since", $"'{since}' is not a window; use e.g. 30m, 2h or 1d.");
        var selectors = new List<string>();
        if (type != "all")
            selectors.Add($"type={type}");
        if (involved_object.Length > 0)
        {
            var slash = involved_object.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0)
            {
                var kind = await kinds.ResolveAsync("involved_object", involved_object[..slash], cancellationToken);
                selectors.Add($"involvedObject.kind={kind.Kind}");
            }

            selectors.Add($"involvedObject.name={Arguments.Name("involved_object", involved_object[(slash + 1)..])}");
        }

        var now = time.GetUtcNow();
        var events = (await queries.EventsAsync(ns, string.Join(',', selectors), cancellationToken))
            .Where(e => EventDigest.LastSeen(e) >= now - window)
            .ToList();
        var groups = EventDigest.ByObjectAndReason(events);
        var (answer, data) = budgets.StartStructured("k8s_events");
        var what = type == "all" ? "events" : $"{type} events";
        answer.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{what} in {Arguments.Scope(ns)}{(involved_object.Length == 0 ? "" : $" about {involved_object}")}, last {since}: {events.Count} events in {groups.Count} groups, newest first"));
        if (groups.Count == 0)
        {
            data.AddRows("groups", groups, 0, EventGroupJson);
            return data.Result(answer.AppendLine(type == "Warning" ? "no warnings in this window; type=all includes Normal events." : "none in this window.").ToString());
        }

        var shown = answer.AppendUntrustedRows($"Kubernetes events ({Arguments.Scope(ns)})", [.. groups.Select(g => EventDigest.Format(g, now, ns is null))],
            "event groups", "pass object, a shorter since, or a namespace");
        data.AddRows("groups", groups, shown, EventGroupJson);
        return data.Result(answer.ToString());
    }

    // Messages are outside text: they stay in the fenced text answer, not in the structured rows.
    private static JsonObject EventGroupJson(EventGroup group) => StructuredAnswer.Row(
        ("ns", group.Namespace.Length > 0 ? group.Namespace : null), ("object", group.Target), ("type", group.Type), ("reason", group.Reason),
        ("count", group.Count), ("last", StructuredAnswer.Time(group.Last)));

    /// <summary>Autoscalers (autoscaling/v2), or none when the identity may not list them: triage of pods still works.</summary>
    private async Task<IList<V2HorizontalPodAutoscaler>> AutoscalersOrEmptyAsync(string? ns, CancellationToken cancellationToken)
    {
        try
        {
            var list = ns is null
                ? await kube.Client.AutoscalingV2.ListHorizontalPodAutoscalerForAllNamespacesAsync(limit: 500, cancellationToken: cancellationToken)
                : await kube.Client.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(ns, limit: 500, cancellationToken: cancellationToken);
            return list.Items ?? [];
        }
        catch (ToolFailureException ex) when (ex.InnerException is KubernetesStatusException { Code: 403 or 404 })
        {
            return [];
        }
    }

    /// <summary>
    /// metrics.k8s.io usage of nodes or pods by name (pods as namespace/name), or none when metrics-server is absent,
    /// unavailable or forbidden: without it triage still names everything else.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, Usage>> UsageOrEmptyAsync(string what, CancellationToken cancellationToken)
    {
        try
        {
            var list = await kube.GetJsonAsync($"/apis/metrics.k8s.io/v1beta1/{what}", cancellationToken);
            var usage = new Dictionary<string, Usage>(StringComparer.Ordinal);
            foreach (var item in (list["items"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var name = (string?)item["metadata"]?["name"];
                if (name is null)
                    continue;
                var key = item["metadata"]?["namespace"] is { } itemNs ? $"{(string?)itemNs}/{name}" : name;
                usage[key] = item["usage"] is JsonObject own
                    ? NodePressure.Sum([((string?)own["cpu"], (string?)own["memory"])])
                    : NodePressure.Sum((item["containers"] as JsonArray ?? []).OfType<JsonObject>().Select(c => ((string?)c["usage"]?["cpu"], (string?)c["usage"]?["memory"])));
            }

            return usage;
        }
        catch (ToolFailureException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Dictionary<string, Usage>();
        }
    }

    private async Task<IList<V1Node>> NodesOrEmptyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await queries.NodesAsync(cancellationToken);
        }
        catch (ToolFailureException ex) when (ex.InnerException is KubernetesStatusException { Code: 403 })
        {
            // A namespace-scoped identity cannot list nodes; triage of its pods still works.
            return [];
        }
    }
}
