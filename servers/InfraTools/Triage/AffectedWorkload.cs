using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Triage;

/// <summary>
/// A workload with unhealthy pods, or short of replicas: how many of its pods are in trouble, why (with counts),
/// the last termination most of them share and how long ago, since when the trouble began (the earliest failure
/// evidence of its unhealthy pods, see <see cref="Group"/>), and for a Deployment mid-rollout how its ReplicaSets stand.
/// </summary>
public sealed record AffectedWorkload(
    string Namespace,
    string Kind,
    string Name,
    int Unhealthy,
    int? Desired,
    IReadOnlyList<(string Reason, int Count)> Reasons,
    (string Termination, int Count)? CommonTermination,
    DateTimeOffset? Since,
    string? Note)
{
    public string Key => $"{Namespace}/{Name}";

    /// <summary>When the newest of the pods sharing <see cref="CommonTermination"/> ended that way.</summary>
    public DateTimeOffset? LastTerminationAt { get; init; }

    /// <summary>A Deployment whose pods belong to more than one ReplicaSet: <c>new ReplicaSet payments-api-cddztzj4wj 0/2 ready, old 3/3</c>.</summary>
    public string? ReplicaSets { get; init; }

    /// <summary>The new ReplicaSet that <see cref="ReplicaSets"/> names.</summary>
    public string? NewReplicaSet { get; init; }

    /// <summary>
    /// <c>payments/deployment/payments-api 2/4 unhealthy: CrashLoopBackOff ×2; last Error(1) ×2 9m ago; since 3h5m;
    /// rollout stuck (ProgressDeadlineExceeded): new ReplicaSet payments-api-cddztzj4wj 0/2 ready, old 3/3</c>
    /// </summary>
    public string Format(DateTimeOffset now)
    {
        var reasons = string.Join(", ", Reasons.Select(r => r.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $"{PodRows.Word(r.Reason)} ×{r.Count}") : PodRows.Word(r.Reason)));
        var ago = LastTerminationAt is { } ended ? $" {Ages.Since(ended, now)} ago" : "";
        var last = CommonTermination is { } t ? string.Create(CultureInfo.InvariantCulture, $"; last {PodRows.Word(t.Termination)} ×{t.Count}{ago}") : "";
        var since = Since is { } at ? $"; since {Ages.Since(at, now)}" : "";
        var replicaSets = ReplicaSets is null ? "" : "; " + ReplicaSets;
        var noteText = Note;
        // The controller's own words for a stuck rollout name the new ReplicaSet and nothing more: the split says
        // that and how both ReplicaSets stand, in its place.
        var timedOut = $"ReplicaSet \"{NewReplicaSet}\" has timed out progressing.";
        if (ReplicaSets is not null && noteText?.Contains(timedOut, StringComparison.Ordinal) == true)
        {
            noteText = noteText.Replace(timedOut, ReplicaSets, StringComparison.Ordinal);
            replicaSets = "";
        }

        var note = noteText is null ? "" : "; " + UntrustedText.Line(noteText, 140);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Namespace}/{Kind}/{Name} {Unhealthy}/{DesiredText} unhealthy{(reasons.Length > 0 ? ": " + reasons : "")}{last}{since}{replicaSets}{note}");
    }

    /// <summary>The same workload in a few words: <c>payments/payments-api 4/4 CrashLoopBackOff</c>.</summary>
    public string Compact() =>
        $"{Namespace}/{Name} {Unhealthy}/{DesiredText} {(Reasons.Count > 0 ? PodRows.Word(Reasons[0].Reason) : "short")}";

    /// <summary>What the "… and N more" line of a workload section counts.</summary>
    public const string Noun = "workloads";

    /// <summary>
    /// Writes a section of workloads, its header never cut: full rows when they fit, else compact ones, else one line
    /// per namespace, while <paramref name="reserveBytes"/> stay free for what follows. Returns the workloads in the
    /// order the text shows them (by namespace in the densest form) and how many of them it shows, for <c>structuredContent</c>.
    /// </summary>
    public static (IReadOnlyList<AffectedWorkload> InOrder, int Shown) AppendSection(AnswerBuilder answer, string header, IReadOnlyList<AffectedWorkload> workloads, string narrowHint, int reserveBytes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(workloads);
        var full = workloads.Select(w => w.Format(now)).ToList();
        var compact = workloads.Select(w => w.Compact()).ToList();
        var room = answer.RemainingBytes - reserveBytes - AnswerBuilder.SectionBytes(header, Noun, narrowHint);
        var byNamespace = AnswerBuilder.SizeOf(compact) > room;
        var written = answer.AppendSection(header, full, Noun, narrowHint, reserveBytes, byNamespace ? ByNamespace(workloads) : compact);
        if (!byNamespace)
            return (workloads, written);
        // By namespace, a written row holds every workload of its namespace.
        var namespaces = workloads.GroupBy(w => w.Namespace).ToList();
        return ([.. namespaces.SelectMany(g => g)], namespaces.Take(written).Sum(g => g.Count()));
    }

    /// <summary>The densest form: one line per namespace naming each workload, its unhealthy/desired and first reason.</summary>
    public static IReadOnlyList<string> ByNamespace(IReadOnlyList<AffectedWorkload> workloads) =>
        [.. (workloads ?? []).GroupBy(w => w.Namespace)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(w => w.Compact()[(g.Key.Length + 1)..]))}")];

    /// <summary>One workload for <c>structuredContent</c>: ns, kind, name, unhealthy, desired, reason (the first).</summary>
    public static JsonObject Json(AffectedWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return StructuredAnswer.Row(
            ("ns", workload.Namespace), ("kind", workload.Kind), ("name", workload.Name), ("unhealthy", workload.Unhealthy),
            ("desired", workload.Desired), ("reason", workload.Reasons.Count > 0 ? workload.Reasons[0].Reason : null));
    }

    private string DesiredText => Desired?.ToString(CultureInfo.InvariantCulture) ?? "?";

    /// <summary>
    /// Groups unhealthy pods by the workload that owns them (a ReplicaSet's pods by its Deployment), and adds the
    /// workloads short of replicas for another reason; most unhealthy first.
    /// <para>
    /// "Since" is when the trouble began: the earliest failure evidence of the workload's unhealthy pods, each pod's
    /// being the earlier of <see cref="PodSummary.TroubleSince"/> and the first time of the still-recurring warning
    /// events about it (<paramref name="firstWarnings"/>, by <c>namespace/pod</c>). A crash loop's readiness and last
    /// termination move with every restart; its BackOff event keeps its first time while it recurs.
    /// </para>
    /// </summary>
    public static IReadOnlyList<AffectedWorkload> Group(
        IReadOnlyList<(V1Pod Pod, PodSummary Summary)> unhealthy, IReadOnlyList<WorkloadProblem> shortOfReplicas,
        IReadOnlyDictionary<string, int> desired, IReadOnlyDictionary<string, DateTimeOffset>? firstWarnings = null)
    {
        ArgumentNullException.ThrowIfNull(unhealthy);
        ArgumentNullException.ThrowIfNull(shortOfReplicas);
        ArgumentNullException.ThrowIfNull(desired);
        var groups = unhealthy
            .GroupBy(p => OwnerOf(p.Pod))
            .Select(g =>
            {
                var reasons = g.GroupBy(p => p.Summary.Problem ?? p.Summary.Status).Select(r => (r.Key, r.Count())).OrderByDescending(r => r.Item2).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
                var terminations = g.Where(p => p.Summary.LastTermination is not null).GroupBy(p => p.Summary.LastTermination!).MaxBy(t => t.Count());
                var since = g.Min(p => PodSummary.Earliest(p.Summary.TroubleSince,
                    firstWarnings is not null && firstWarnings.TryGetValue($"{p.Summary.Namespace}/{p.Summary.Name}", out var warned) ? warned : null));
                var note = shortOfReplicas.FirstOrDefault(w => w.Namespace == g.Key.Namespace && w.Name == g.Key.Name)?.Why;
                desired.TryGetValue($"{g.Key.Namespace}/{g.Key.Kind}/{g.Key.Name}", out var wanted);
                return new AffectedWorkload(g.Key.Namespace, g.Key.Kind, g.Key.Name, g.Count(), wanted > 0 ? wanted : null, reasons,
                    terminations is null ? null : (terminations.Key, terminations.Count()), since, note)
                {
                    LastTerminationAt = terminations?.Max(p => p.Summary.LastTerminationAt),
                };
            })
            .ToList();
        foreach (var w in shortOfReplicas.Where(w => !groups.Any(g => g.Namespace == w.Namespace && g.Name == w.Name)))
        {
            desired.TryGetValue($"{w.Namespace}/{w.Kind}/{w.Name}", out var wanted);
            groups.Add(new AffectedWorkload(w.Namespace, w.Kind, w.Name, 0, wanted > 0 ? wanted : null, [], null, null, w.Why ?? w.Replicas));
        }

        return [.. groups.OrderByDescending(g => g.Unhealthy).ThenBy(g => g.Namespace, StringComparer.Ordinal).ThenBy(g => g.Name, StringComparer.Ordinal)];
    }

    /// <summary>The controller at the top of a pod's owners, as far as the pod says: a ReplicaSet's hash is dropped.</summary>
    public static (string Namespace, string Kind, string Name) OwnerOf(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var ns = pod.Metadata?.NamespaceProperty ?? "";
        var owner = pod.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true) ?? pod.Metadata?.OwnerReferences?.FirstOrDefault();
        if (owner is null)
            return (ns, "pod", pod.Metadata?.Name ?? "?");
        if (owner.Kind == "ReplicaSet")
        {
            var hash = pod.Metadata?.Labels?.TryGetValue("pod-template-hash", out var h) == true ? h : null;
            return hash is not null && owner.Name.EndsWith("-" + hash, StringComparison.Ordinal)
                ? (ns, "deployment", owner.Name[..^(hash.Length + 1)])
                : (ns, "replicaset", owner.Name);
        }

        return (ns, owner.Kind.ToLowerInvariant(), owner.Name);
    }
}
