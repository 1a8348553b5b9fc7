using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SreSuite.InfraTools.Kubernetes;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Tools;

/// <summary>The only changes InfraTools makes; each is off until the operator enables it by name.</summary>
[McpServerToolType]
public sealed class WriteTools(KubernetesConnection kube, TimeProvider time, WriteConfirmation confirmation)
{
    [McpServerTool(Name = "k8s_rollout_restart", Title = "Workloads: Restart", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true)]
    [Description("Restart workload pods (rolling).")]
    public async Task<string> RolloutRestartAsync(
        [Description(Arguments.WorkloadHelp), StringLength(260)] string workload,
        [Description("Namespace"), StringLength(63)] string @namespace,
        RequestContext<CallToolRequestParams> request,
        CancellationToken cancellationToken = default)
    {
        var (kind, name) = Arguments.Workload("workload", workload, "deployment", "statefulset", "daemonset");
        Namespace(@namespace);
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
        await confirmation.ConfirmAsync(request, "k8s_rollout_restart",
            $"rolling restart of {kind} {@namespace}/{name}: strategic merge patch setting the pod template annotation kubectl.kubernetes.io/restartedAt to the time of the change; every pod is replaced.", cancellationToken);
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

    [McpServerTool(Name = "k8s_scale", Title = "Workloads: Scale", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true)]
    [Description("Scale workload replicas (0 stops it).")]
    public async Task<string> ScaleAsync(
        [Description("Name, or sts/name, rs/name"), StringLength(260)] string workload,
        [Description("Namespace"), StringLength(63)] string @namespace,
        [Description("Replicas"), Range(0, 1000)] int replicas,
        RequestContext<CallToolRequestParams> request,
        CancellationToken cancellationToken = default)
    {
        var (kind, name) = Arguments.Workload("workload", workload, "deployment", "statefulset", "replicaset");
        Namespace(@namespace);
        var body = new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } }.ToJsonString();
        var current = kind switch
        {
            "statefulset" => (await kube.Client.AppsV1.ReadNamespacedStatefulSetScaleAsync(name, @namespace, cancellationToken: cancellationToken)).Spec?.Replicas,
            "replicaset" => (await kube.Client.AppsV1.ReadNamespacedReplicaSetScaleAsync(name, @namespace, cancellationToken: cancellationToken)).Spec?.Replicas,
            _ => (await kube.Client.AppsV1.ReadNamespacedDeploymentScaleAsync(name, @namespace, cancellationToken: cancellationToken)).Spec?.Replicas,
        };
        await confirmation.ConfirmAsync(request, "k8s_scale", string.Create(CultureInfo.InvariantCulture,
            $"scale {kind} {@namespace}/{name} from {current} to {replicas} replicas: merge patch {body} on its scale subresource."), cancellationToken);
        var patch = new V1Patch(body, V1Patch.PatchType.MergePatch);
        var (before, after) = kind switch
        {
            "statefulset" => (current, (await kube.Client.AppsV1.PatchNamespacedStatefulSetScaleAsync(patch, name, @namespace, cancellationToken: cancellationToken)).Spec?.Replicas),
            "replicaset" => (current, (await kube.Client.AppsV1.PatchNamespacedReplicaSetScaleAsync(patch, name, @namespace, cancellationToken: cancellationToken)).Spec?.Replicas),
            _ => (current, (await kube.Client.AppsV1.PatchNamespacedDeploymentScaleAsync(patch, name, @namespace, cancellationToken: cancellationToken)).Spec?.Replicas),
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"scaled {kind} {@namespace}/{name} from {before} to {after} replicas. Follow it with k8s_describe_workload{(kind == "replicaset" ? "; a deployment owning this replicaset may scale it back" : "")}.");
    }

    [McpServerTool(Name = "k8s_delete_pod", Title = "Pods: Delete", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true)]
    [Description("Delete a pod; its controller replaces it.")]
    public async Task<string> DeletePodAsync(
        [Description("Pod"), StringLength(253)] string pod,
        [Description("Namespace"), StringLength(63)] string @namespace,
        RequestContext<CallToolRequestParams> request,
        CancellationToken cancellationToken = default)
    {
        var podName = Arguments.Name("pod", pod);
        var ns = Namespace(@namespace);
        await confirmation.ConfirmAsync(request, "k8s_delete_pod", $"delete pod {ns}/{podName} with its default grace period; its controller, if any, creates a replacement.", cancellationToken);
        var deleted = await kube.Client.CoreV1.DeleteNamespacedPodAsync(podName, ns, cancellationToken: cancellationToken);
        var owner = deleted.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
        var grace = deleted.Metadata?.DeletionGracePeriodSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"deleted pod {@namespace}/{pod} (grace period {grace?.ToString(CultureInfo.InvariantCulture) ?? "default"}s). {(owner is null ? "It has no controller: nothing will replace it." : $"Its {owner.Kind} {owner.Name} creates a replacement; k8s_list_pods shows it.")}");
    }

    /// <summary>Changes always name their namespace; the context's default is not assumed.</summary>
    private string Namespace(string ns) =>
        ns.Length == 0 ? throw new ToolInputException("namespace", "is required for a change; name the namespace explicitly.") : Arguments.NamespaceOf(kube, ns, allowAll: false)!;
}
