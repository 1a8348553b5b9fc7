using k8s.Models;
using SreSuite.InfraTools.Triage;

namespace SreSuite.InfraTools.Tests;

/// <summary>
/// An affected workload's "since" is when its trouble began (issue 19): a Deployment whose new pods have crash-looped
/// for three hours, their readiness and last termination moving with every restart, is failing "since 3h", with the
/// last termination's age its own part of the row, and a stuck rollout's ReplicaSets said plainly.
/// </summary>
public sealed class TroubleSinceTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private const string NewHash = "cddztzj4wj";
    private const string OldHash = "klqbdmlq79";

    private static V1Pod Pod(string hash, string suffix, DateTimeOffset created, bool crashLooping, DateTimeOffset? lastStart = null, DateTimeOffset? lastEnd = null, DateTimeOffset? notReadySince = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = $"payments-api-{hash}-{suffix}",
            NamespaceProperty = "payments",
            CreationTimestamp = created.UtcDateTime,
            Labels = new Dictionary<string, string> { ["app"] = "payments-api", ["pod-template-hash"] = hash },
            OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = $"payments-api-{hash}", Uid = hash, Controller = true }],
        },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "payments-api" }], NodeName = "node-01" },
        Status = new V1PodStatus
        {
            Phase = "Running",
            Conditions = [new V1PodCondition { Type = "Ready", Status = crashLooping ? "False" : "True", LastTransitionTime = (notReadySince ?? created).UtcDateTime }],
            ContainerStatuses =
            [
                crashLooping
                    ? new V1ContainerStatus
                    {
                        Name = "payments-api", Ready = false, RestartCount = 35, Image = "i", ImageID = "i",
                        State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff" } },
                        LastState = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 1, Reason = "Error", StartedAt = lastStart?.UtcDateTime, FinishedAt = lastEnd?.UtcDateTime } },
                    }
                    : new V1ContainerStatus
                    {
                        Name = "payments-api", Ready = true, RestartCount = 0, Image = "i", ImageID = "i",
                        State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = created.UtcDateTime } },
                    },
            ],
        },
    };

    private static Corev1Event BackOff(string pod, DateTimeOffset first, DateTimeOffset last) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"{pod}.backoff", NamespaceProperty = "payments", CreationTimestamp = first.UtcDateTime },
        InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = pod, NamespaceProperty = "payments" },
        Type = "Warning",
        Reason = "BackOff",
        Message = "Back-off restarting failed container payments-api",
        Count = 700,
        FirstTimestamp = first.UtcDateTime,
        LastTimestamp = last.UtcDateTime,
    };

    private static V1Deployment StuckRollout() => new()
    {
        Metadata = new V1ObjectMeta { Name = "payments-api", NamespaceProperty = "payments", Generation = 9 },
        Spec = new V1DeploymentSpec { Replicas = 4, Selector = new V1LabelSelector(), Template = new V1PodTemplateSpec() },
        Status = new V1DeploymentStatus
        {
            ObservedGeneration = 9, Replicas = 5, UpdatedReplicas = 2, ReadyReplicas = 3, AvailableReplicas = 3, UnavailableReplicas = 2,
            Conditions =
            [
                new V1DeploymentCondition { Type = "Available", Status = "True", Reason = "MinimumReplicasAvailable" },
                new V1DeploymentCondition { Type = "Progressing", Status = "False", Reason = "ProgressDeadlineExceeded", Message = $"ReplicaSet \"payments-api-{NewHash}\" has timed out progressing." },
            ],
        },
    };

    /// <summary>The demo's payments-api: two new pods crash-looping for three hours beside three old ready ones.</summary>
    private static List<V1Pod> DemoPods() =>
    [
        Pod(NewHash, "447hz", Now.AddHours(-3), crashLooping: true, lastStart: Now.AddMinutes(-4).AddSeconds(-8), lastEnd: Now.AddMinutes(-4), notReadySince: Now.AddMinutes(-4)),
        Pod(NewHash, "ztzzq", Now.AddHours(-3).AddMinutes(-1), crashLooping: true, lastStart: Now.AddMinutes(-2).AddSeconds(-8), lastEnd: Now.AddMinutes(-2), notReadySince: Now.AddMinutes(-2)),
        Pod(OldHash, "75x9t", Now.AddDays(-2), crashLooping: false),
        Pod(OldHash, "kljbg", Now.AddDays(-2), crashLooping: false),
        Pod(OldHash, "ptf46", Now.AddDays(-2), crashLooping: false),
    ];

    [Fact]
    public void A_crash_loop_is_failing_since_its_first_BackOff_event_and_its_last_termination_keeps_its_own_age()
    {
        var pods = DemoPods();
        var warnings = new[]
        {
            BackOff($"payments-api-{NewHash}-447hz", Now.AddHours(-3).AddMinutes(1), Now.AddSeconds(-30)),
            BackOff($"payments-api-{NewHash}-ztzzq", Now.AddHours(-3).AddMinutes(-5), Now.AddSeconds(-10)),
        };

        var report = UnhealthyReport.Build(pods, [], [StuckRollout()], [], [], Now, warnings: warnings);

        var workload = Assert.Single(report.Affected);
        Assert.Equal(Now.AddHours(-3).AddMinutes(-5), workload.Since);
        Assert.Equal(
            $"payments/deployment/payments-api 2/4 unhealthy: CrashLoopBackOff ×2; last Error(1) ×2 2m ago; since 3h5m; "
            + $"rollout stuck (ProgressDeadlineExceeded): new ReplicaSet payments-api-{NewHash} 0/2 ready, old 3/3",
            workload.Format(Now));
    }

    [Fact]
    public void Without_events_a_crash_loop_is_failing_since_the_earlier_of_not_ready_and_the_last_run_start()
    {
        var report = UnhealthyReport.Build(DemoPods(), [], [StuckRollout()], [], [], Now);

        // Readiness went False 4m ago; the run that ended then started 8 s before.
        Assert.Equal(Now.AddMinutes(-4).AddSeconds(-8), Assert.Single(report.Affected).Since);
    }

    [Fact]
    public void A_warning_that_stopped_recurring_is_not_evidence_of_the_current_trouble()
    {
        // Yesterday's BackOff, last seen two hours ago: the series broke, and the API server would have expired it.
        var stale = BackOff($"payments-api-{NewHash}-447hz", Now.AddDays(-1), Now.AddHours(-2));
        var other = BackOff("checkout-7f9c-abcde", Now.AddDays(-1), Now.AddMinutes(-1));

        var first = UnhealthyReport.FirstWarnings([stale, other], Now);

        Assert.DoesNotContain($"payments/payments-api-{NewHash}-447hz", first.Keys);
        Assert.Equal(Now.AddDays(-1), first["payments/checkout-7f9c-abcde"]);
    }

    [Fact]
    public void A_pod_restarting_while_ready_is_failing_since_the_start_of_the_run_that_ended()
    {
        var pod = Pod(OldHash, "v85j6", Now.AddDays(-6), crashLooping: false);
        pod.Status.ContainerStatuses[0].RestartCount = 3;
        pod.Status.ContainerStatuses[0].LastState = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 137, Reason = "OOMKilled", StartedAt = Now.AddMinutes(-35).UtcDateTime, FinishedAt = Now.AddMinutes(-14).UtcDateTime } };

        var summary = PodSummary.From(pod, Now);

        Assert.Equal("OOMKilled", summary.Problem);
        Assert.Equal(Now.AddMinutes(-35), summary.TroubleSince);
        Assert.Equal(Now.AddMinutes(-14), summary.LastTerminationAt);
    }

    [Fact]
    public void The_new_ReplicaSet_is_the_one_with_the_newest_pods_when_the_controller_does_not_name_it()
    {
        var deployment = StuckRollout();
        deployment.Status.Conditions = [];
        var pods = DemoPods();

        var report = UnhealthyReport.Build(pods, [], [deployment], [], [], Now);

        Assert.Equal($"new ReplicaSet payments-api-{NewHash} 0/2 ready, old 3/3", Assert.Single(report.Affected).ReplicaSets);
    }

    [Fact]
    public void A_rollout_in_progress_names_its_ReplicaSets_as_a_part_of_its_own()
    {
        var deployment = StuckRollout();
        deployment.Status.Conditions = [new V1DeploymentCondition { Type = "Progressing", Status = "True", Reason = "ReplicaSetUpdated", Message = $"ReplicaSet \"payments-api-{NewHash}\" is progressing." }];

        var report = UnhealthyReport.Build(DemoPods(), [], [deployment], [], [], Now);

        Assert.EndsWith($"; since 4m; new ReplicaSet payments-api-{NewHash} 0/2 ready, old 3/3", Assert.Single(report.Affected).Format(Now), StringComparison.Ordinal);
    }

    [Fact]
    public void A_deployment_with_pods_of_one_ReplicaSet_says_nothing_of_ReplicaSets()
    {
        var pods = DemoPods().Where(p => p.Metadata.Labels["pod-template-hash"] == NewHash).ToList();

        var report = UnhealthyReport.Build(pods, [], [StuckRollout()], [], [], Now);

        Assert.Null(Assert.Single(report.Affected).ReplicaSets);
    }
}
