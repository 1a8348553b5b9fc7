using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using ModelContextProtocol.Server;
using SreSuite.InfraTools.Kubernetes;

namespace SreSuite.InfraTools.Tools;

/// <summary>The only changes InfraTools makes; each is off until the operator enables it by name.</summary>
[McpServerToolType]
public sealed class WriteTools(KubernetesConnection kube, TimeProvider time)
{
    private const string NamespaceHelp = "Namespace (required for changes)";

    [McpServerTool(Name = "k8s_rollout_restart", Title = "Kubernetes: restart a rollout", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true)]
    [Description("Restart all pods of a deployment, statefulset or daemonset by a rolling update (like kubectl rollout restart). Off unless enabled.")]
    public async Task<string> RolloutRestartAsync(
        [Description("Workload name"), MaxLength(253), RegularExpression(Arguments.Name)] string name,
        [Description(NamespaceHelp), MaxLength(63), RegularExpression(Arguments.Namespace)] string @namespace,
        [Description("Workload kind"), AllowedValues("deployment", "statefulset", "daemonset")] string kind = "deployment",
        CancellationToken cancellationToken = default)
    {
        var restartedAt = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["kubectl.kubernetes.io/restartedAt"] = restartedAt } },
                },
            },
        };
        var patch = new V1Patch(body.ToJsonString(), V1Patch.PatchType.StrategicMergePatch);
        var generation = kind switch
        {
            "statefulset" => (await kube.Client.AppsV1.PatchNamespacedStatefulSetAsync(patch, name, @namespace, cancellationToken: cancellationToken)).Metadata.Generation,
            "daemonset" => (await kube.Client.AppsV1.PatchNamespacedDaemonSetAsync(patch, name, @namespace, cancellationToken: cancellationToken)).Metadata.Generation,
            _ => (await kube.Client.AppsV1.PatchNamespacedDeploymentAsync(patch, name, @namespace, cancellationToken: cancellationToken)).Metadata.Generation,
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"restarted {kind} {@namespace}/{name}: pod template annotated kubectl.kubernetes.io/restartedAt={restartedAt} (generation {generation}); pods are replaced by a rolling update. Follow it with k8s_describe_workload.");
    }

    [McpServerTool(Name = "k8s_scale", Title = "Kubernetes: scale a workload", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true)]
    [Description("Set the replica count of a deployment, statefulset or replicaset; 0 stops it. Off unless enabled.")]
    public async Task<string> ScaleAsync(
        [Description("Workload name"), MaxLength(253), RegularExpression(Arguments.Name)] string name,
        [Description(NamespaceHelp), MaxLength(63), RegularExpression(Arguments.Namespace)] string @namespace,
        [Description("Desired replicas"), Range(0, 1000)] int replicas,
        [Description("Workload kind"), AllowedValues("deployment", "statefulset", "replicaset")] string kind = "deployment",
        CancellationToken cancellationToken = default)
    {
        var patch = new V1Patch(new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } }.ToJsonString(), V1Patch.PatchType.MergePatch);
        var (before, after) = kind switch
        {
            "statefulset" => ((await kube.Client.AppsV1.ReadNamespacedStatefulSetScaleAsync(name, @namespace, cancellationToken: cancellationToken)).Spec?.Replicas,
                (await kube.Client.AppsV1.PatchNamespacedStatefulSetScaleAsync(patch, name, @namespace, cancellationToken: cancellationToken)).Spec?.Replicas),
            "replicaset" => ((await kube.Client.AppsV1.ReadNamespacedReplicaSetScaleAsync(name, @namespace, cancellationToken: cancellationToken)).Spec?.Replicas,
                (await kube.Client.AppsV1.PatchNamespacedReplicaSetScaleAsync(patch, name, @namespace, cancellationToken: cancellationToken)).Spec?.Replicas),
            _ => ((await kube.Client.AppsV1.ReadNamespacedDeploymentScaleAsync(name, @namespace, cancellationToken: cancellationToken)).Spec?.Replicas,
                (await kube.Client.AppsV1.PatchNamespacedDeploymentScaleAsync(patch, name, @namespace, cancellationToken: cancellationToken)).Spec?.Replicas),
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"scaled {kind} {@namespace}/{name} from {before} to {after} replicas. Follow it with k8s_describe_workload{(kind == "replicaset" ? "; a deployment owning this replicaset may scale it back" : "")}.");
    }

    [McpServerTool(Name = "k8s_delete_pod", Title = "Kubernetes: delete a pod", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true)]
    [Description("Delete one pod gracefully; its controller, if any, creates a replacement. Off unless enabled.")]
    public async Task<string> DeletePodAsync(
        [Description("Pod name"), MaxLength(253), RegularExpression(Arguments.Name)] string pod,
        [Description(NamespaceHelp), MaxLength(63), RegularExpression(Arguments.Namespace)] string @namespace,
        [Description("Grace period in seconds; default: the pod's"), Range(0, 3600)] int? grace_period_seconds = null,
        CancellationToken cancellationToken = default)
    {
        var deleted = await kube.Client.CoreV1.DeleteNamespacedPodAsync(pod, @namespace, gracePeriodSeconds: grace_period_seconds, cancellationToken: cancellationToken);
        var owner = deleted.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
        var grace = deleted.Metadata?.DeletionGracePeriodSeconds ?? grace_period_seconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"deleted pod {@namespace}/{pod} (grace period {grace?.ToString(CultureInfo.InvariantCulture) ?? "default"}s). {(owner is null ? "It has no controller: nothing will replace it." : $"Its {owner.Kind} {owner.Name} creates a replacement; k8s_list_pods shows it.")}");
    }
}
