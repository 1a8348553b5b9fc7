using System.Globalization;
using k8s.Models;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Triage;

/// <summary>
/// A pod as a person reads it in <c>kubectl get pods</c>, plus what is wrong with it: ready count, status,
/// restarts, last termination, age, node, and a problem when the pod needs attention.
/// </summary>
public sealed record PodSummary(
    string Namespace,
    string Name,
    int Ready,
    int Containers,
    string Status,
    int Restarts,
    string? LastTermination,
    DateTimeOffset? LastTerminationAt,
    DateTimeOffset? Created,
    string? Node,
    string? Problem,
    string? Ip = null,
    DateTimeOffset? NotReadySince = null,
    DateTimeOffset? LastTerminationStartedAt = null)
{
    /// <summary>Waiting reasons that mean the container cannot run as it is.</summary>
    private static readonly HashSet<string> BrokenWaits = new(StringComparer.Ordinal)
    {
        "CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "InvalidImageName", "CreateContainerConfigError",
        "CreateContainerError", "RunContainerError", "ContainerCannotRun", "PreCreateHookError", "PostStartHookError",
    };

    /// <summary>
    /// When the trouble began as far as the pod's own status tells: for a pod that restarts while ready, the start of
    /// the run that ended; otherwise the earlier of the moment it stopped being ready (its creation when it never was)
    /// and the start of its last failed run. A 12-day-old pod that began crash-looping 45 minutes ago is failing
    /// "since 45m", not "since 12d". A crash loop's readiness flips at every restart, so this is only a lower bound:
    /// <see cref="AffectedWorkload.Group"/> takes the first warning event about the pod when it is earlier.
    /// </summary>
    public DateTimeOffset? TroubleSince => Problem is "OOMKilled" or "Restarting"
        ? LastTerminationStartedAt ?? LastTerminationAt
        : Earliest(NotReadySince ?? Created, LastTerminationStartedAt);

    /// <summary>The earlier of two times, either of which may be unknown.</summary>
    public static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    /// <summary>How recent an OOM kill or restart must be to count as a current problem.</summary>
    public static readonly TimeSpan RecentWindow = TimeSpan.FromHours(1);

    public static PodSummary From(V1Pod pod, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var statuses = pod.Status?.ContainerStatuses ?? [];
        var containers = pod.Spec?.Containers?.Count ?? statuses.Count;
        var lastTerminated = statuses
            .Select(s => s.LastState?.Terminated)
            .Where(t => t is not null)
            .MaxBy(t => t!.FinishedAt ?? DateTime.MinValue);
        var lastAt = Ages.Utc(lastTerminated?.FinishedAt);
        var last = lastTerminated is null ? null : $"{lastTerminated.Reason ?? "Exit"}({lastTerminated.ExitCode.ToString(CultureInfo.InvariantCulture)})";
        var status = StatusOf(pod);
        return new PodSummary(
            pod.Metadata?.NamespaceProperty ?? "",
            pod.Metadata?.Name ?? "",
            statuses.Count(s => s.Ready),
            containers,
            status,
            statuses.Sum(s => s.RestartCount),
            last,
            lastAt,
            Ages.Utc(pod.Metadata?.CreationTimestamp),
            pod.Spec?.NodeName,
            ProblemOf(pod, status, lastTerminated, lastAt, now),
            pod.Status?.PodIP,
            Ages.Utc(pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready" && c.Status != "True")?.LastTransitionTime),
            Ages.Utc(lastTerminated?.StartedAt));
    }

    /// <summary>The STATUS column with kubectl's precedence: waiting/terminated reasons over the phase.</summary>
    public static string StatusOf(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var reason = pod.Status?.Reason ?? pod.Status?.Phase ?? "Unknown";
        var running = false;
        foreach (var status in (pod.Status?.ContainerStatuses ?? []).Reverse())
        {
            if (status.State?.Waiting?.Reason is { Length: > 0 } waiting)
                reason = waiting;
            else if (status.State?.Terminated?.Reason is { Length: > 0 } terminated)
                reason = terminated;
            else if (status.State?.Terminated is { } exited)
                reason = $"ExitCode:{exited.ExitCode.ToString(CultureInfo.InvariantCulture)}";
            else if (status.Ready && status.State?.Running is not null)
                running = true;
        }

        if (reason == "Completed" && running)
            reason = "Running";
        if (pod.Metadata?.DeletionTimestamp is not null)
            reason = pod.Status?.Reason == "NodeLost" ? "Unknown" : "Terminating";
        return reason;
    }

    private static string? ProblemOf(V1Pod pod, string status, V1ContainerStateTerminated? last, DateTimeOffset? lastAt, DateTimeOffset now)
    {
        var phase = pod.Status?.Phase;
        if (phase == "Succeeded")
            return null;
        if (pod.Metadata?.DeletionTimestamp is { } deleting && now - Ages.Utc(deleting)!.Value > TimeSpan.FromMinutes(5))
            return "StuckTerminating";
        var conditions = pod.Status?.Conditions ?? [];
        if (phase == "Pending" && conditions.Any(c => c.Type == "PodScheduled" && c.Status == "False"))
            return "Unschedulable";
        if (BrokenWaits.Contains(status))
        {
            return status == "CrashLoopBackOff" && last?.Reason == "OOMKilled" ? "CrashLoopBackOff(OOMKilled)" : status;
        }

        if (phase is "Failed" or "Unknown")
            return status;
        var recent = lastAt is { } at && now - at < RecentWindow;
        if (recent && last?.Reason == "OOMKilled")
            return "OOMKilled";
        var age = Ages.Utc(pod.Metadata?.CreationTimestamp) is { } created ? now - created : TimeSpan.Zero;
        if (status is "ContainerCreating" or "PodInitializing" && age > TimeSpan.FromMinutes(5))
            return $"Stuck{status}";
        if (phase == "Pending" && age > TimeSpan.FromMinutes(5))
            return "Pending";
        if (phase == "Running" && conditions.Any(c => c.Type == "Ready" && c.Status != "True"))
            return "NotReady";
        if (recent && now - lastAt!.Value < TimeSpan.FromMinutes(15))
            return "Restarting";
        return null;
    }
}
