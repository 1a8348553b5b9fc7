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
            await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Calls.Ct, "2026-07-28");
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

    [Theory]
    [InlineData("2026-07-28", false)]
    [InlineData("2025-11-25", true)]
    public async Task A_write_asks_the_person_once_with_the_replicas_before_and_after_then_changes(string protocolVersion, bool legacySse)
    {
        // Stateless 2026-07-28: the question travels as an input-required result; with sessions (legacy SSE on), as an elicitation request.
        var user = ClientUser.Confirming();
        var settings = new Dictionary<string, string?> { ["Guardrails__EnableWriteTools"] = "k8s_scale" };
        if (legacySse)
            settings["Mcp__EnableLegacySse"] = "true";
        var (cluster, server) = await DemoClusterServer.StartAsync(new KubeFixtureOptions(), settings, Calls.Ct);
        await using (cluster)
        await using (server)
        {
            await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Calls.Ct, protocolVersion, user: user);

            var scaled = await client.TextAsync("k8s_scale", new() { ["workload"] = "payments-api", ["namespace"] = "payments", ["replicas"] = 2 });

            var question = Assert.Single(user.Questions);
            Assert.Equal("Confirm k8s_scale: scale deployment payments/payments-api from 4 to 2 replicas: merge patch {\"spec\":{\"replicas\":2}} on its scale subresource.", question.Message);
            Assert.StartsWith("scaled deployment payments/payments-api from 4 to 2 replicas.", scaled, StringComparison.Ordinal);
            Assert.Equal(2, JsonFields.Number(cluster.Store.Get(ApiResources.Deployments, "payments", "payments-api"), "spec.replicas"));
        }
    }

    [Fact]
    public async Task A_declined_write_changes_nothing_and_is_audited_once_as_declined()
    {
        using var audit = new AuditLog();
        var user = ClientUser.Declining();
        var (cluster, server) = await DemoClusterServer.StartAsync(new KubeFixtureOptions(), new Dictionary<string, string?>(audit.Settings)
        {
            ["Guardrails__EnableWriteTools"] = "k8s_scale,k8s_delete_pod",
        }, Calls.Ct);
        await using (cluster)
        await using (server)
        {
            await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Calls.Ct, "2026-07-28", user: user);
            var pod = DemoPods.CrashLooping(cluster);

            var scale = await client.CallAsync("k8s_scale", new() { ["workload"] = "payments-api", ["namespace"] = "payments", ["replicas"] = 0 });
            var delete = await client.CallAsync("k8s_delete_pod", new() { ["pod"] = pod, ["namespace"] = "payments" });

            Assert.Equal(2, user.Questions.Count);
            Assert.Equal("k8s_scale was not run: the person at the client declined the confirmation. Nothing changed.", scale.Text());
            Assert.True(scale.IsError);
            Assert.True(delete.IsError);
            Assert.All(cluster.Requests.All, request => Assert.Equal("GET", request.Method));
            Assert.Equal(4, JsonFields.Number(cluster.Store.Get(ApiResources.Deployments, "payments", "payments-api"), "spec.replicas"));
            Assert.NotNull(cluster.Store.Get(ApiResources.Pods, "payments", pod));
            var records = await audit.RecordsAsync(4, Calls.Ct);
            Assert.Equal(["k8s_delete_pod", "k8s_scale"], records.Where(r => (string?)r["outcome"] == "declined").Select(r => (string)r["tool"]!).Order());
        }
    }

    [Theory]
    [InlineData("2026-07-28", false)]
    [InlineData("2025-11-25", true)]
    public async Task A_client_that_cannot_ask_is_refused_unless_the_operator_turned_confirmation_off(string protocolVersion, bool declaresElicitation)
    {
        // A 2025-11-25 client over stateless HTTP declares elicitation but cannot be sent a question.
        var user = declaresElicitation ? ClientUser.Confirming() : ClientUser.Absent();
        var (cluster, server) = await DemoClusterServer.StartAsync(new KubeFixtureOptions(), new Dictionary<string, string?>
        {
            ["Guardrails__EnableWriteTools"] = "k8s_scale",
        }, Calls.Ct);
        var (unconfirmedCluster, unconfirmedServer) = await DemoClusterServer.StartAsync(new KubeFixtureOptions(), new Dictionary<string, string?>
        {
            ["Guardrails__EnableWriteTools"] = "k8s_scale",
            ["Guardrails__ConfirmWrites"] = "off",
        }, Calls.Ct);
        await using (cluster)
        await using (server)
        await using (unconfirmedCluster)
        await using (unconfirmedServer)
        {
            await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Calls.Ct, protocolVersion, user: user);
            await using var unconfirmedClient = await McpClients.ConnectHttpAsync(unconfirmedServer.McpUrl, Calls.Ct, protocolVersion, user: user);
            var arguments = new Dictionary<string, object?> { ["workload"] = "payments-api", ["namespace"] = "payments", ["replicas"] = 3 };

            var refused = await client.CallAsync("k8s_scale", arguments);
            var scaled = await unconfirmedClient.TextAsync("k8s_scale", arguments);

            Assert.True(refused.IsError);
            Assert.StartsWith("k8s_scale was not run: this server asks a person to confirm every change, and this client cannot show a confirmation (", refused.Text(), StringComparison.Ordinal);
            Assert.Contains("Guardrails__ConfirmWrites=off", refused.Text(), StringComparison.Ordinal);
            Assert.EndsWith("The change would have been: scale deployment payments/payments-api from 4 to 3 replicas: merge patch {\"spec\":{\"replicas\":3}} on its scale subresource.", refused.Text(), StringComparison.Ordinal);
            Assert.Empty(user.Questions);
            Assert.Equal(4, JsonFields.Number(cluster.Store.Get(ApiResources.Deployments, "payments", "payments-api"), "spec.replicas"));
            Assert.StartsWith("scaled deployment payments/payments-api from 4 to 3 replicas.", scaled, StringComparison.Ordinal);
        }
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
