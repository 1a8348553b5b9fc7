using SreSuite.KubeFixture;

namespace SreSuite.InfraTools.Tests;

/// <summary>
/// The objects behind a pod's files: k8s_describe_workload lists each container's mounts with the ConfigMap, Secret
/// or claim behind them, and k8s_pod_logs names the one behind a path the log mentions. Played from library scenarios
/// (a crash on an unparseable mounted rules file, a pod Pending on an unbound claim).
/// </summary>
public sealed class MountedObjectTests
{
    [Fact]
    public async Task A_crash_log_naming_a_mounted_file_names_the_configmap_behind_it()
    {
        var (cluster, server) = await DemoClusterServer.StartAsync(new KubeFixtureOptions { Scenario = "pricing-bad-configmap" }, new Dictionary<string, string?>(), Calls.Ct);
        await using (cluster)
        await using (server)
        {
            await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Calls.Ct);
            var logs = await client.TextAsync("k8s_pod_logs", new() { ["namespace"] = "shop", ["pod"] = "pricing-w5c8d79s2z-sc8fc", ["previous"] = true });
            var ofWorkload = await client.TextAsync("k8s_pod_logs", new() { ["namespace"] = "shop", ["pod"] = "deploy/pricing" });

            Assert.Contains("cannot load pricing rules from /etc/pricing/rules.yaml", logs, StringComparison.Ordinal);
            Assert.Contains("\nfiles the log names come from: /etc/pricing <- configmap pricing-rules\n", logs, StringComparison.Ordinal);
            // Of the workload's three pods, the crashing one (the two of the old ReplicaSet run).
            Assert.StartsWith("logs of shop/pricing-w5c8d79s2z-sc8fc ", ofWorkload, StringComparison.Ordinal);
            Assert.Contains("; chosen of deployment pricing's 3 pods", ofWorkload.Split('\n')[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Describing_a_workload_lists_its_mounts_with_the_claim_behind_them()
    {
        var (cluster, server) = await DemoClusterServer.StartAsync(new KubeFixtureOptions { Scenario = "reviews-pending-pvc" }, new Dictionary<string, string?>(), Calls.Ct);
        await using (cluster)
        await using (server)
        {
            await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Calls.Ct);
            var text = await client.TextAsync("k8s_describe_workload", new() { ["namespace"] = "books", ["workload"] = "reviews" });

            Assert.Matches(@"\n  mounts: [^\n]*<- pvc reviews-cache", text);
        }
    }
}
