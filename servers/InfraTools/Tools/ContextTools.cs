using System.ComponentModel;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;
using SreSuite.InfraTools.Kubernetes;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Hosting;
using SreSuite.ServiceDefaults.Mcp;

namespace SreSuite.InfraTools.Tools;

[McpServerToolType]
public sealed class ContextTools(KubernetesConnection kube, SreServerInfo info, IOptions<ToolPolicyOptions> policy)
{
    [McpServerTool(Name = "k8s_context", Title = "Context", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Pinned cluster: context, API server, identity, version, write tools. Call first.")]
    public async Task<string> GetContextAsync(McpServer server, CancellationToken cancellationToken)
    {
        var report = StatusReport.For(info, server, policy.Value);
        if (kube.Target is not { } target)
            return report.Add("cluster", KubernetesConnection.NotConfiguredMessage).ToString();

        report.Add("credentials", target.Source)
            .Add("context", target.Context)
            .Add("cluster", target.Cluster)
            .Add("api server", target.Server)
            .Add("user", target.User)
            .Add("impersonating", target.Impersonation ?? "no (acts as the kubeconfig user)")
            .Add("allowed contexts", kube.Options.AllowedContextNames.Count == 0 ? "any (set Kubernetes__AllowedContexts to pin)" : string.Join(", ", kube.Options.AllowedContextNames))
            .Add("default namespace", target.Namespace)
            .Add("secrets", "never read; managedFields and last-applied-configuration always stripped");
        report.Add("kubernetes version", await StatusProbe.DescribeAsync(kube.GetServerVersionAsync, KubernetesErrors.Describe, cancellationToken));

        return report.ToString();
    }
}
