using System.Globalization;
using k8s.Models;
using System.Text.Json.Nodes;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Triage;

/// <summary>
/// The answer of <c>k8s_find_unhealthy</c>, summary first: every affected workload (rows compressed rather than
/// dropped), then every NotReady node with what is stranded on it, then warning events grouped, then pod rows
/// only as far as the budget allows. No section header is ever cut.
/// </summary>
public static class UnhealthyAnswer
{
    private const string EventsHeader = "WARNING EVENTS about these, last 1h, by reason and kind:";
    private const string PodsNoun = "unhealthy pods";
    private const string PodsHint = "pass namespace, or k8s_list_pods status=unhealthy";

    /// <summary>
    /// Writes the text into <paramref name="answer"/> and, into <paramref name="data"/>, the workloads,
    /// nodes and pods the text shows (free text such as node messages stays in the text).
    /// </summary>
    public static string Write(AnswerBuilder answer, StructuredAnswer data, UnhealthyReport report, IReadOnlyList<Corev1Event> relatedEvents, int otherEvents, string? ns, bool truncated, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(relatedEvents);
        var stranded = report.Nodes.Sum(n => n.StrandedPods.Count);
        var scope = ns is null ? "all namespaces" : $"namespace {ns}";
        var saturated = report.Pressure.Count > 0 ? $", {Counts.Of(report.Pressure.Count, "node")} saturated" : "";
        answer.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"unhealthy in {scope}: {Counts.Of(report.Affected.Count, "workload")} ({Counts.Of(report.Pods.Count, "pod")}), {Counts.Of(report.Nodes.Count, "node")} not ready ({Counts.Of(stranded, "pod")} stranded){saturated} — of {report.PodCount} pods{(truncated ? " (the first 20000 read)" : "")}, {report.NodeCount} nodes"));
        if (report.Pods.Count == 0 && report.Nodes.Count == 0 && report.Affected.Count == 0 && report.Pressure.Count == 0)
        {
            data.AddRows("workloads", report.Affected, 0, AffectedWorkload.Json);
            data.AddRows("nodes", report.Nodes, 0, NodeJson);
            data.AddRows("pods", report.Pods, 0, PodRows.Json);
            return answer.AppendLine("nothing unhealthy: every pod is running and ready, every node Ready, every workload at its replica count.").ToString();
        }

        var nodeRows = report.Nodes.Select(n => NodeRow(n, now)).ToList();
        var eventRows = EventRows(relatedEvents, now);
        var podsHeader = "PODS " + (ns is null ? "NAMESPACE/" : "") + PodRows.Header;
        var nodesHeader = $"NODES NOT READY ({report.Nodes.Count}), with what is stranded on them:";
        var workloadsHeader = string.Create(CultureInfo.InvariantCulture, $"AFFECTED WORKLOADS ({report.Affected.Count}), worst first: namespace/kind/name unhealthy/desired: reasons; last termination; since");
        // What must fit after the workloads: every node row, the other headers and a couple of event groups.
        var afterWorkloads = (nodeRows.Count > 0 ? AnswerBuilder.SectionBytes(nodesHeader, "nodes", "k8s_list kind=node") + AnswerBuilder.SizeOf(nodeRows) : 0)
            + (eventRows.Count > 0 ? AnswerBuilder.SectionBytes(EventsHeader, "event groups", "use k8s_events") + AnswerBuilder.SizeOf(eventRows.Take(2)) : 0)
            + (report.Pods.Count > 0 ? AnswerBuilder.SectionBytes(podsHeader, PodsNoun, PodsHint) : 0);

        // A saturated node comes first: the pod taking it over is the cause its unhealthy neighbours below only show,
        // and it is current, where an old crash loop may not be. One row per node, so it never crowds the rest out.
        if (report.Pressure.Count > 0)
        {
            var pressureHeader = string.Create(CultureInfo.InvariantCulture, $"NODES SATURATED ({report.Pressure.Count}): usage, heaviest pod, unhealthy pods beside it:");
            var pressureRows = report.Pressure.Select(p => p.Format()).ToList();
            // Room kept for the other headers and the first affected workload; the rest shrink to fit after it.
            var reserve = afterWorkloads + (report.Affected.Count > 0 ? AnswerBuilder.SectionBytes(workloadsHeader, AffectedWorkload.Noun, "pass namespace") + AnswerBuilder.SizeOf(report.Affected.Take(1).Select(w => w.Compact())) : 0);
            answer.AppendSection(pressureHeader, pressureRows, "nodes", "k8s_top kind=nodes", reserve);
        }

        if (report.Affected.Count > 0)
        {
            var (inOrder, shown) = AffectedWorkload.AppendSection(answer, workloadsHeader, report.Affected, "pass namespace", afterWorkloads, now);
            data.AddRows("workloads", inOrder, shown, AffectedWorkload.Json);
        }
        else
        {
            data.AddRows("workloads", report.Affected, 0, AffectedWorkload.Json);
        }

        if (nodeRows.Count > 0)
        {
            var reserve = (eventRows.Count > 0 ? AnswerBuilder.SectionBytes(EventsHeader, "event groups", "use k8s_events") : 0)
                + (report.Pods.Count > 0 ? AnswerBuilder.SectionBytes(podsHeader, PodsNoun, PodsHint) : 0);
            data.AddRows("nodes", report.Nodes, answer.AppendSection(nodesHeader, nodeRows, "nodes", "k8s_list kind=node", reserve), NodeJson);
        }
        else
        {
            data.AddRows("nodes", report.Nodes, 0, NodeJson);
        }

        if (eventRows.Count > 0)
        {
            // Reasons and messages come from outside: fenced, as many groups as fit; the header is never cut.
            answer.AppendLine(EventsHeader);
            answer.AppendUntrustedRows($"Kubernetes events ({scope})", eventRows, "event groups", "use k8s_events");
        }

        var podsShown = report.Pods.Count > 0
            ? answer.AppendSection(podsHeader, [.. report.Pods.Select(p => PodRows.Format(p, now, ns is null, showProblem: true))], PodsNoun, PodsHint)
            : 0;
        data.AddRows("pods", report.Pods, podsShown, PodRows.Json);

        if (otherEvents > 0)
            answer.Note(string.Create(CultureInfo.InvariantCulture, $"{otherEvents} other warning events in the last 1h; k8s_events lists them."));
        answer.Note("next: k8s_pod_logs for a crashing pod, k8s_describe_workload for a stuck rollout.");
        return answer.ToString();
    }

    private static JsonObject NodeJson(NodeProblem node) => StructuredAnswer.Row(
        ("name", node.Name), ("condition", node.Condition), ("stranded", node.StrandedPods.Count));

    /// <summary><c>node-07 NotReady (Unknown) for 24m: Kubelet stopped posting node status.; 48 pods stranded, of 45 workloads: a/b ×2, …</c></summary>
    private static string NodeRow(NodeProblem node, DateTimeOffset now)
    {
        var row = $"{node.Name} {node.Condition} for {Ages.Since(node.Since, now)}: {UntrustedText.Line(node.Message, 100)}";
        if (node.StrandedPods.Count == 0)
            return row;
        if (node.StrandedPods.Count <= 8)
            return string.Create(CultureInfo.InvariantCulture, $"{row}; {Counts.Of(node.StrandedPods.Count, "pod")} on it not ready: {string.Join(", ", node.StrandedPods)}");
        const int shown = 6;
        var workloads = string.Join(", ", node.StrandedWorkloads.Take(shown).Select(w => w.Pods > 1 ? string.Create(CultureInfo.InvariantCulture, $"{w.Workload} ×{w.Pods}") : w.Workload));
        var more = node.StrandedWorkloads.Count > shown ? string.Create(CultureInfo.InvariantCulture, $", +{node.StrandedWorkloads.Count - shown} more") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{row}; {Counts.Of(node.StrandedPods.Count, "pod")} stranded, of {Counts.Of(node.StrandedWorkloads.Count, "workload")}: {workloads}{more}");
    }

    /// <summary>Warning events grouped by reason and object kind: occurrences, objects, first and last seen.</summary>
    public static IReadOnlyList<string> EventRows(IReadOnlyList<Corev1Event> events, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(events);
        return [.. events
            .GroupBy(e => (Reason: e.Reason ?? "?", Kind: e.InvolvedObject?.Kind ?? "?"))
            .Select(g => (g.Key, Count: g.Sum(EventDigest.Occurrences), Objects: g.Select(e => $"{e.InvolvedObject?.NamespaceProperty}/{e.InvolvedObject?.Name}").Distinct().ToList(),
                First: g.Min(e => Ages.Utc(e.FirstTimestamp ?? e.EventTime ?? e.Metadata?.CreationTimestamp)), Last: g.Max(EventDigest.LastSeen),
                Message: (g.MaxBy(EventDigest.LastSeen)!.Message ?? "").ReplaceLineEndings(" ")))
            .OrderByDescending(g => g.Objects.Count).ThenByDescending(g => g.Count)
            .Select(g => string.Create(CultureInfo.InvariantCulture,
                $"{PodRows.Word(g.Key.Reason)} {PodRows.Word(g.Key.Kind)} ×{g.Count} on {(g.Objects.Count == 1 ? g.Objects[0].TrimStart('/') : Counts.Of(g.Objects.Count, "object"))}; first {Ages.Since(g.First, now)} ago, last {Ages.Since(g.Last, now)} ago: {(g.Message.Length > 120 ? g.Message[..120] + "…" : g.Message)}"))];
    }
}
