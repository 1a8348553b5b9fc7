using System.Globalization;
using k8s.Models;

namespace SreSuite.InfraTools.Triage;

/// <summary>
/// How an affected Deployment's pods stand per ReplicaSet in the middle of a rollout: <c>new ReplicaSet
/// payments-api-cddztzj4wj 0/2 ready, old 3/3</c>. "2/4 unhealthy" alone, with five pods running under surge, left a
/// reader guessing that the two failing pods are the new version's only ones while the old version still serves.
/// Read from the pods already listed (their controller ReplicaSet and <c>pod-template-hash</c>), so no call per workload.
/// </summary>
public static class ReplicaSetSplit
{
    /// <summary>
    /// The new ReplicaSet the Deployment controller names in its Progressing condition ("ReplicaSet \"x\" has timed
    /// out progressing.", "… is progressing.", "… has successfully progressed."), or null.
    /// </summary>
    public static string? NewReplicaSetOf(V1Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var message = deployment.Status?.Conditions?.FirstOrDefault(c => c.Type == "Progressing")?.Message;
        const string Prefix = "ReplicaSet \"";
        var start = message?.IndexOf(Prefix, StringComparison.Ordinal) ?? -1;
        if (start < 0)
            return null;
        start += Prefix.Length;
        var end = message!.IndexOf('"', start);
        return end > start ? message[start..end] : null;
    }

    /// <summary>
    /// The affected Deployments whose (not terminating) pods belong to two ReplicaSets or more, with
    /// <see cref="AffectedWorkload.ReplicaSets"/> set. The new one is the one the controller names
    /// (<paramref name="newReplicaSets"/>, by <c>namespace/deployment</c>), else the one with the newest pod.
    /// </summary>
    public static IReadOnlyList<AffectedWorkload> Apply(
        IReadOnlyList<AffectedWorkload> affected, IEnumerable<V1Pod> pods, IReadOnlyDictionary<string, string> newReplicaSets)
    {
        ArgumentNullException.ThrowIfNull(affected);
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(newReplicaSets);
        var wanted = affected.Where(w => w.Kind == "deployment").Select(w => w.Key).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
            return affected;
        var byDeployment = new Dictionary<string, Dictionary<string, (int Ready, int Pods, DateTime Newest)>>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (pod.Metadata?.DeletionTimestamp is not null)
                continue;
            var owner = AffectedWorkload.OwnerOf(pod);
            var key = $"{owner.Namespace}/{owner.Name}";
            if (owner.Kind != "deployment" || !wanted.Contains(key))
                continue;
            // OwnerOf names a Deployment only for a pod of its ReplicaSet "<deployment>-<pod-template-hash>".
            var replicaSet = $"{owner.Name}-{pod.Metadata!.Labels["pod-template-hash"]}";
            if (!byDeployment.TryGetValue(key, out var sets))
                byDeployment[key] = sets = new Dictionary<string, (int, int, DateTime)>(StringComparer.Ordinal);
            var ready = pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true ? 1 : 0;
            var created = pod.Metadata.CreationTimestamp ?? DateTime.MinValue;
            sets[replicaSet] = sets.TryGetValue(replicaSet, out var counts)
                ? (counts.Ready + ready, counts.Pods + 1, created > counts.Newest ? created : counts.Newest)
                : (ready, 1, created);
        }

        return [.. affected.Select(w =>
        {
            if (w.Kind != "deployment" || !byDeployment.TryGetValue(w.Key, out var sets) || sets.Count < 2)
                return w;
            var named = newReplicaSets.GetValueOrDefault(w.Key);
            var newest = named is not null && sets.ContainsKey(named)
                ? named
                : sets.OrderByDescending(s => s.Value.Newest).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key;
            var current = sets[newest];
            var old = sets.Where(s => s.Key != newest).ToList();
            var oldText = string.Create(CultureInfo.InvariantCulture, $"old {old.Sum(s => s.Value.Ready)}/{old.Sum(s => s.Value.Pods)}{(old.Count > 1 ? $" in {old.Count} ReplicaSets" : "")}");
            return w with
            {
                NewReplicaSet = newest,
                ReplicaSets = string.Create(CultureInfo.InvariantCulture, $"new ReplicaSet {newest} {current.Ready}/{current.Pods} ready, {oldText}"),
            };
        })];
    }
}
