using System.ComponentModel;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SreSuite.InfraTools.Kubernetes;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Hosting;
using SreSuite.ServiceDefaults.Mcp;

namespace SreSuite.InfraTools.Tools;

[McpServerToolType]
public sealed class ContextTools(KubernetesConnection kube, SreServerInfo info, IOptions<ToolPolicyOptions> policy)
{
    [McpServerTool(Name = "k8s_context", Title = "Cluster: Show context", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Show the pinned context, API server, identity, version, write tools. Call first.")]
    public async Task<string> GetContextAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var report = StatusReport.For(info, request, policy.Value);
        if (kube.Target is not { } target)
            return report.Add("cluster", KubernetesConnection.NotConfiguredMessage).ToString();

        report.Add("credentials", target.Source)
            .Add("context", target.Context)
            .Add("cluster", target.Cluster)
            .Add("api server", target.Server)
            .Add("user", target.User)
            .Add("impersonating", target.Impersonation ?? "no (acts as the kubeconfig user)")
            .Add("allowed contexts", kube.IsMultiCluster ? "Kubernetes__Contexts (below)" : kube.Options.AllowedContextNames.Count == 0 ? "any (set Kubernetes__AllowedContexts to pin)" : string.Join(", ", kube.Options.AllowedContextNames))
            .Add("default namespace", target.Namespace)
            .Add("secrets", "never read; managedFields and last-applied-configuration always stripped");
        if (!kube.IsMultiCluster)
        {
            report.Add("kubernetes version", await StatusProbe.DescribeAsync(kube.GetServerVersionAsync, KubernetesErrors.Describe, cancellationToken));
            return report.ToString();
        }

        // Every allowed context, probed side by side, so the caller sees which it can reach before asking.
        var writable = kube.Clusters.Where(c => c.Writable).Select(c => c.Target.Context).ToList();
        report.Add("contexts", $"{string.Join(", ", kube.Clusters.Select(c => c.Target.Context))}; pass context=<name> to any tool, default {target.Context}")
            .Add("writable contexts", writable.Count == 0 ? "none (Kubernetes__WriteContexts): write tools change nothing anywhere" : $"{string.Join(", ", writable)} (Kubernetes__WriteContexts)");
        var versions = await Task.WhenAll(kube.Clusters.Select(c => StatusProbe.DescribeAsync(
            async probe => $"reachable, Kubernetes {await c.GetServerVersionAsync(probe)}", KubernetesErrors.Describe, cancellationToken)));
        foreach (var (cluster, version) in kube.Clusters.Zip(versions))
        {
            var t = cluster.Target;
            report.Add($"context {t.Context}", $"server {t.Server}, user {t.User}, namespace {t.Namespace}, writes {(cluster.Writable ? "allowed" : "refused")}, {version}");
        }

        return report.ToString();
    }
}
