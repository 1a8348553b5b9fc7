using ModelContextProtocol;
using ModelContextProtocol.Client;
using SreSuite.KubeFixture;
using SreSuite.KubeFixture.Api;
using SreSuite.KubeFixture.Cluster;

namespace SreSuite.InfraTools.Tests;

/// <summary>The write tools change only the fixture's memory, and only when the operator enabled them by name.</summary>
public sealed class WriteToolTests(DemoClusterServer demo)
{
    [Fact]
    public async Task Enabled_write_tools_scale_restart_and_delete()
    {
        var (cluster, server) = await DemoClusterServer.StartAsync(new KubeFixtureOptions(), new Dictionary<string, string?>
        {
            ["Guardrails__EnableWriteTools"] = "k8s_scale,k8s_rollout_restart,k8s_delete_pod",
        }, Calls.Ct);
        await using (cluster)
        await using (server)
        {
            await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Calls.Ct);
            var crash = DemoPods.CrashLooping(cluster);

            var scaled = await client.TextAsync("k8s_scale", new() { ["workload"] = "payments-api", ["namespace"] = "payments", ["replicas"] = 2 });
            var restarted = await client.TextAsync("k8s_rollout_restart", new() { ["workload"] = "sts/ledger-db", ["namespace"] = "payments" });
            var deleted = await client.TextAsync("k8s_delete_pod", new() { ["pod"] = crash, ["namespace"] = "payments" });
            var status = await client.TextAsync("k8s_context");

            Assert.Equal("scaled deployment payments/payments-api from 4 to 2 replicas. Follow it with k8s_describe_workload.", scaled);
            Assert.Equal(2, JsonFields.Number(cluster.Store.Get(ApiResources.Deployments, "payments", "payments-api"), "spec.replicas"));
            Assert.StartsWith("restarted statefulset payments/ledger-db: pod template annotated kubectl.kubernetes.io/restartedAt=", restarted, StringComparison.Ordinal);
            Assert.NotNull(cluster.Store.Get(ApiResources.StatefulSets, "payments", "ledger-db")!["spec"]!["template"]!["metadata"]!["annotations"]!["kubectl.kubernetes.io/restartedAt"]);
            Assert.Contains($"deleted pod payments/{crash}", deleted, StringComparison.Ordinal);
            Assert.Contains("Its ReplicaSet payments-api-", deleted, StringComparison.Ordinal);
            Assert.Null(cluster.Store.Get(ApiResources.Pods, "payments", crash));
            Assert.Equal(DemoStory.BusyNamespacePods, cluster.Store.List(ApiResources.Pods, "payments").Count);
            Assert.Contains("write tools: on: k8s_delete_pod, k8s_rollout_restart, k8s_scale", status, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Write_tools_that_are_not_enabled_change_nothing()
    {
        await using var client = await demo.ConnectAsync(Calls.Ct);
        var pod = DemoPods.CrashLooping(demo.Cluster);

        var refusals = new[]
        {
            await RefusalAsync(client, "k8s_scale", new() { ["workload"] = "payments-api", ["namespace"] = "payments", ["replicas"] = 0 }),
            await RefusalAsync(client, "k8s_rollout_restart", new() { ["workload"] = "payments-api", ["namespace"] = "payments" }),
            await RefusalAsync(client, "k8s_delete_pod", new() { ["pod"] = pod, ["namespace"] = "payments" }),
        };

        Assert.All(refusals, text => Assert.Contains("Guardrails__EnableWriteTools", text, StringComparison.Ordinal));
        Assert.All(demo.Cluster.Requests.All, request => Assert.Equal("GET", request.Method));
        Assert.NotNull(demo.Cluster.Store.Get(ApiResources.Pods, "payments", pod));
    }

    /// <summary>A refused call's text, whether the refusal is an isError answer or a protocol error.</summary>
    private static async Task<string> RefusalAsync(McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        try
        {
            var result = await client.CallAsync(tool, arguments);
            Assert.True(result.IsError, $"{tool} was not refused: {result.Text()}");
            return result.Text();
        }
        catch (McpProtocolException ex)
        {
            return ex.Message;
        }
    }
}
