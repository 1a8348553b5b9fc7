using SreSuite.KubeFixture;
using SreSuite.KubeFixture.Cluster;

namespace SreSuite.InfraTools.Tests;

/// <summary>Issue 20, part 4: on a big cluster with many unrelated problems the summary comes first and nothing in it is cut.</summary>
public sealed class TriageAtScaleTests
{
    [Fact]
    public async Task Find_unhealthy_on_2000_pods_names_every_affected_workload_and_the_NotReady_node_within_8000_bytes()
    {
        var now = DateTimeOffset.UtcNow;
        var truth = GeneratedCluster.Of(2000, now);
        var (cluster, server) = await DemoClusterServer.StartAsync(new KubeFixtureOptions { Now = now, GeneratedPods = 2000 }, new Dictionary<string, string?>(), Calls.Ct);
        await using var _ = cluster;
        await using var __ = server;
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Calls.Ct);

        var text = await client.TextAsync("k8s_find_unhealthy");
        var lines = text.Split('\n');

        Assert.True(Calls.Bytes(text) <= 8000, $"{Calls.Bytes(text)} bytes");
        Assert.StartsWith($"unhealthy in all namespaces: {truth.AffectedWorkloads.Count} workloads (", lines[0], StringComparison.Ordinal);
        Assert.Contains(GeneratedCluster.RootCauseWorkload, truth.AffectedWorkloads);
        foreach (var workload in truth.AffectedWorkloads)
            Assert.Contains(lines, line => line.StartsWith(workload.Replace("/", "/deployment/", StringComparison.Ordinal) + " ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith($"{truth.NotReadyNode} NotReady (Unknown) for ", StringComparison.Ordinal) && line.Contains(" pods stranded, of ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("WARNING EVENTS about these", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("PODS NAMESPACE/NAME READY STATUS", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("payments/payments-api-", StringComparison.Ordinal) && line.Contains(" CrashLoopBackOff ", StringComparison.Ordinal));
    }
}
