using SreSuite.KubeFixture;

namespace SreSuite.InfraTools.Tests;

public sealed class MetricsServerTests
{
    [Fact]
    public async Task Top_says_clearly_when_metrics_server_is_absent_or_down_and_recovers_when_it_is_back()
    {
        var (cluster, server) = await DemoClusterServer.StartAsync(new KubeFixtureOptions { Metrics = MetricsServer.Absent }, new Dictionary<string, string?>(), Calls.Ct);
        await using (cluster)
        await using (server)
        {
            await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Calls.Ct);

            var absent = await client.CallAsync("k8s_top");
            cluster.Options.Metrics = MetricsServer.Unavailable;
            var down = await client.CallAsync("k8s_top", new() { ["kind"] = "nodes" });
            cluster.Options.Metrics = MetricsServer.Available;
            var back = await client.CallAsync("k8s_top", new() { ["kind"] = "nodes" });

            Assert.True(absent.IsError);
            Assert.StartsWith("metrics.k8s.io is not served by this cluster: metrics-server is not installed", absent.Text(), StringComparison.Ordinal);
            Assert.True(down.IsError);
            Assert.StartsWith("metrics-server is registered but not answering (503", down.Text(), StringComparison.Ordinal);
            Assert.NotEqual(true, back.IsError);
            Assert.Contains("node usage: 9 of 10 nodes report metrics", back.Text(), StringComparison.Ordinal);
        }
    }
}
