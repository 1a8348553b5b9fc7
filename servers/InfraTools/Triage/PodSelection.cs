using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Triage;

/// <summary>
/// Everything a <c>k8s_list_pods</c> selection matches, when its pods span more than one answer: how many, by status,
/// how many ready, and the pods that need attention grouped by workload (<see cref="AffectedWorkload.Group"/>, as
/// <c>k8s_find_unhealthy</c> groups them) and by node. A page shows a hundred rows; this says what the other
/// thousands are, so the first answer about a big cluster is not a random slice of it.
/// </summary>
public sealed record PodSelection(
    int Total,
    bool Truncated,
    int Ready,
    IReadOnlyList<(string Status, int Count)> ByStatus,
    IReadOnlyList<(string Problem, int Count)> Problems,
    IReadOnlyList<AffectedWorkload> Workloads,
    IReadOnlyList<(string Node, int Pods)> ByNode)
{
    /// <summary>Statuses named in the headline; the rest are counted together.</summary>
    private const int StatusesShown = 6;

    /// <summary>Nodes named on the by-node line: the few where the trouble gathers.</summary>
    private const int NodesShown = 4;

    /// <summary>Pods needing attention (each has a <see cref="PodSummary.Problem"/>).</summary>
    public int NeedAttention => Problems.Sum(p => p.Count);

    /// <summary>The header of the workloads section: the second number is the workload's pods in the selection, not its replicas.</summary>
    public string WorkloadsHeader => string.Create(CultureInfo.InvariantCulture,
        $"NEED ATTENTION BY WORKLOAD ({Workloads.Count}), worst first: namespace/kind/name unhealthy/pods selected: reasons; last termination; since");

    public static PodSelection Of(IReadOnlyList<V1Pod> pods, bool truncated, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pods);
        var summaries = pods.Select(p => (Pod: p, Summary: PodSummary.From(p, now))).ToList();
        var unhealthy = summaries.Where(p => p.Summary.Problem is not null).ToList();
        // The second number of a workload row is how many of its pods the selection holds: a list reads no controllers.
        var selected = summaries
            .GroupBy(p => AffectedWorkload.OwnerOf(p.Pod))
            .ToDictionary(g => $"{g.Key.Namespace}/{g.Key.Kind}/{g.Key.Name}", g => g.Count(), StringComparer.Ordinal);
        return new PodSelection(
            summaries.Count,
            truncated,
            summaries.Count(p => p.Summary.Containers > 0 && p.Summary.Ready == p.Summary.Containers),
            CountBy(summaries.Select(p => p.Summary.Status)),
            CountBy(unhealthy.Select(p => p.Summary.Problem!)),
            AffectedWorkload.Group(unhealthy, [], selected),
            CountBy(unhealthy.Where(p => p.Summary.Node is not null).Select(p => p.Summary.Node!)));
    }

    /// <summary>
    /// <c>all namespaces, label_selector=tier=web: 10000 pods match (Running 9770, CrashLoopBackOff 120, …); 9752 ready; 230 need attention</c>.
    /// </summary>
    public string Headline(string selection)
    {
        var statuses = string.Join(", ", ByStatus.Take(StatusesShown).Select(s => string.Create(CultureInfo.InvariantCulture, $"{PodRows.Word(s.Status)} {s.Count}")));
        if (ByStatus.Count > StatusesShown)
            statuses += string.Create(CultureInfo.InvariantCulture, $", {ByStatus.Count - StatusesShown} other statuses {ByStatus.Skip(StatusesShown).Sum(s => s.Count)}");
        return string.Create(CultureInfo.InvariantCulture,
            $"{selection}: {Counts.Of(Total, "pod")} match{(Truncated ? " (the first 20000 read)" : "")} ({statuses}); {Ready} ready; {NeedAttention} need attention");
    }

    /// <summary>
    /// The reasons and the nodes of the pods that need attention, one line each:
    /// <c>why: NotReady 48, CrashLoopBackOff 120</c>, <c>where: node-087 50, node-012 3, … 40 other nodes 77</c>. Empty when none do.
    /// </summary>
    public IReadOnlyList<string> AttentionLines()
    {
        if (NeedAttention == 0)
            return [];
        var reasons = string.Join(", ", Problems.Select(p => string.Create(CultureInfo.InvariantCulture, $"{PodRows.Word(p.Problem)} {p.Count}")));
        var nodes = string.Join(", ", ByNode.Take(NodesShown).Select(n => string.Create(CultureInfo.InvariantCulture, $"{PodRows.Word(n.Node)} {n.Pods}")));
        if (ByNode.Count > NodesShown)
            nodes += string.Create(CultureInfo.InvariantCulture, $", {ByNode.Count - NodesShown} other nodes {ByNode.Skip(NodesShown).Sum(n => n.Pods)}");
        var lines = new List<string> { $"need attention, by reason: {UntrustedText.Line(reasons, 600)}" };
        if (nodes.Length > 0)
            lines.Add($"need attention, by node: {nodes}");
        return lines;
    }

    /// <summary>Workload rows in <see cref="Json"/>: the worst few, so the pod rows keep most of the structured budget.</summary>
    public const int WorkloadsInJson = 10;

    /// <summary>
    /// The summary for <c>structuredContent</c> (<c>matched</c>): the numbers of the headline and reason line, the
    /// count of workloads needing attention, and the first <see cref="WorkloadsInJson"/> of those the text shows
    /// (<paramref name="shown"/>) as <c>k8s_find_unhealthy</c>'s workload rows, <c>desired</c> being the pods selected.
    /// </summary>
    public JsonObject Json(IReadOnlyList<AffectedWorkload> shown)
    {
        ArgumentNullException.ThrowIfNull(shown);
        var statuses = new JsonObject();
        foreach (var (status, count) in ByStatus)
            statuses[status] = count;
        var problems = new JsonObject();
        foreach (var (problem, count) in Problems)
            problems[problem] = count;
        var json = new JsonObject
        {
            ["pods"] = Total,
            ["ready"] = Ready,
            ["attention"] = NeedAttention,
            ["status"] = statuses,
            ["problems"] = problems,
            ["affected"] = Workloads.Count,
            ["workloads"] = new JsonArray([.. shown.Take(WorkloadsInJson).Select(w => (JsonNode)AffectedWorkload.Json(w))]),
        };
        if (Truncated)
            json["truncated"] = true;
        return json;
    }

    private static List<(string, int)> CountBy(IEnumerable<string> values) =>
        [.. values.GroupBy(v => v, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count()))
            .OrderByDescending(g => g.Item2)
            .ThenBy(g => g.Key, StringComparer.Ordinal)];
}
