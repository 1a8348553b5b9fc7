using k8s.Models;

namespace SreSuite.InfraTools.Triage;

/// <summary>
/// Why an image pull fails, read from the kubelet's words: the waiting message of an <c>ErrImagePull</c> container
/// and the <c>Failed</c> events ("Failed to pull image …: rpc error: … not found"). <c>ImagePullBackOff</c> itself only
/// says "Back-off pulling image", so the cause comes from the last pull error the kubelet reported.
/// </summary>
public static class ImagePullFailure
{
    private static readonly (string Cause, string[] Signs)[] Causes =
    [
        ("rate-limited", ["429", "toomanyrequests", "too many requests", "rate limit"]),
        ("unauthorized", ["401", "403", "unauthorized", "authentication required", "access denied", "denied:", "forbidden", "no basic auth credentials"]),
        ("not-found", ["not found", "manifest unknown", "notfound", "repository does not exist", "name unknown"]),
        ("invalid-name", ["invalid reference format", "invalidimagename", "couldn't parse image"]),
        ("registry-unreachable", ["no such host", "i/o timeout", "connection refused", "tls handshake timeout", "context deadline exceeded", "dial tcp", "network is unreachable"]),
    ];

    /// <summary>The cause a pull error names: not-found, unauthorized, rate-limited, invalid-name, registry-unreachable; null when none.</summary>
    public static string? Cause(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
            return null;
        foreach (var (cause, signs) in Causes)
        {
            if (signs.Any(sign => Mentions(message, sign)))
                return cause;
        }

        return null;
    }

    /// <summary>A status code counts only as a whole number, never inside an image digest.</summary>
    private static bool Mentions(string message, string sign)
    {
        if (!char.IsDigit(sign[0]))
            return message.Contains(sign, StringComparison.OrdinalIgnoreCase);
        for (var at = message.IndexOf(sign, StringComparison.Ordinal); at >= 0; at = message.IndexOf(sign, at + 1, StringComparison.Ordinal))
        {
            var end = at + sign.Length;
            if ((at == 0 || !char.IsAsciiLetterOrDigit(message[at - 1])) && (end == message.Length || !char.IsAsciiLetterOrDigit(message[end])))
                return true;
        }

        return false;
    }

    /// <summary>
    /// The pull cause of each pod (<c>namespace/name</c>): its containers' waiting messages first, then the newest
    /// "Failed to pull image" event about it.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ByPod(IEnumerable<V1Pod> pods, IEnumerable<Corev1Event> events)
    {
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(events);
        var causes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in events
            .Where(e => e.InvolvedObject?.Kind == "Pod" && e.Message?.StartsWith("Failed to pull image", StringComparison.Ordinal) == true)
            .OrderBy(EventDigest.LastSeen))
        {
            if (Cause(e.Message) is { } cause)
                causes[$"{e.InvolvedObject.NamespaceProperty}/{e.InvolvedObject.Name}"] = cause;
        }

        foreach (var pod in pods)
        {
            var waiting = (pod.Status?.ContainerStatuses ?? []).Concat(pod.Status?.InitContainerStatuses ?? [])
                .Select(s => s.State?.Waiting)
                .FirstOrDefault(w => w?.Reason is "ErrImagePull" or "ImagePullBackOff" or "InvalidImageName");
            var cause = waiting?.Reason == "InvalidImageName" ? "invalid-name" : Cause(waiting?.Message);
            if (cause is not null)
                causes[$"{pod.Metadata?.NamespaceProperty}/{pod.Metadata?.Name}"] = cause;
        }

        return causes;
    }

    /// <summary>Pull reasons of the affected workloads carry their cause: <c>ImagePullBackOff(not-found)</c>.</summary>
    public static IReadOnlyList<AffectedWorkload> WithCauses(IReadOnlyList<AffectedWorkload> affected, IReadOnlyList<V1Pod> pods, IReadOnlyDictionary<string, string> causes)
    {
        ArgumentNullException.ThrowIfNull(affected);
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(causes);
        if (causes.Count == 0)
            return affected;
        var byWorkload = pods
            .Where(p => causes.ContainsKey($"{p.Metadata?.NamespaceProperty}/{p.Metadata?.Name}"))
            .GroupBy(p => AffectedWorkload.OwnerOf(p))
            .ToDictionary(g => $"{g.Key.Namespace}/{g.Key.Kind}/{g.Key.Name}",
                g => g.Select(p => causes[$"{p.Metadata?.NamespaceProperty}/{p.Metadata?.Name}"]).GroupBy(c => c).MaxBy(c => c.Count())!.Key, StringComparer.Ordinal);
        return [.. affected.Select(w => byWorkload.TryGetValue($"{w.Namespace}/{w.Kind}/{w.Name}", out var cause)
            ? w with { Reasons = [.. w.Reasons.Select(r => r.Reason is "ImagePullBackOff" or "ErrImagePull" ? ($"{r.Reason}({cause})", r.Count) : r)] }
            : w)];
    }
}
