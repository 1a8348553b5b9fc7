using SreSuite.KubeFixture;

namespace SreSuite.InfraTools.Tests;

/// <summary>Impersonation from settings on every call, and RBAC refusals that say what was refused.</summary>
public sealed class IdentityAndRbacTests
{
    [Fact]
    public async Task Every_call_impersonates_the_configured_user_and_group_and_403s_name_verb_resource_and_namespace()
    {
        var options = new KubeFixtureOptions();
        options.Forbidden.Add(new ForbiddenRule("list", "pods", "kube-system"));
        options.Forbidden.Add(new ForbiddenRule("get", "pods/log", "payments"));
        options.Forbidden.Add(new ForbiddenRule("list", "nodes"));
        var (cluster, server) = await DemoClusterServer.StartAsync(options, new Dictionary<string, string?>
        {
            ["Kubernetes__ImpersonateUser"] = "sre-readonly",
            ["Kubernetes__ImpersonateGroup"] = "sre-oncall",
        }, Calls.Ct);
        await using (cluster)
        await using (server)
        {
            await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Calls.Ct);
            var context = await client.TextAsync("k8s_context");
            var listRefused = await client.CallAsync("k8s_list_pods", new() { ["namespace"] = "kube-system" });
            var logsRefused = await client.CallAsync("k8s_pod_logs", new() { ["pod"] = DemoPods.CrashLooping(cluster) });
            var triage = await client.TextAsync("k8s_find_unhealthy", new() { ["namespace"] = "payments" });

            Assert.Contains("impersonating: sre-readonly (group sre-oncall)", context, StringComparison.Ordinal);
            Assert.True(listRefused.IsError);
            Assert.StartsWith("forbidden: Kubernetes RBAC refused list on pods in namespace kube-system (403: pods is forbidden: User \"sre-readonly\" cannot list resource \"pods\" in API group \"\" in the namespace \"kube-system\"). The identity InfraTools uses (impersonating sre-readonly) lacks this permission", listRefused.Text(), StringComparison.Ordinal);
            Assert.True(logsRefused.IsError);
            Assert.StartsWith("forbidden: Kubernetes RBAC refused get on pods/log in namespace payments (403:", logsRefused.Text(), StringComparison.Ordinal);
            Assert.Contains("payments-api-", triage, StringComparison.Ordinal);

            var requests = cluster.Requests.All;
            Assert.NotEmpty(requests);
            Assert.All(requests, request =>
            {
                Assert.Equal(["sre-readonly"], request.Header("Impersonate-User"));
                Assert.Equal(["sre-oncall"], request.Header("Impersonate-Group"));
            });
            Assert.Contains(requests, r => r.Path == "/api/v1/nodes" && r.StatusCode == 403);
        }
    }
}
