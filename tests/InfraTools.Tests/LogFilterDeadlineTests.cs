using System.Diagnostics;
using SreSuite.KubeFixture;

namespace SreSuite.InfraTools.Tests;

/// <summary>Issue 22, B11: grep/exclude over a big log ran 18.5 s under a 5 s deadline and was audited as ok.</summary>
public sealed class LogFilterDeadlineTests
{
    [Fact]
    public async Task A_slow_grep_over_a_big_log_ends_at_the_deadline_and_is_audited_as_a_timeout()
    {
        using var audit = new AuditLog();
        var settings = new Dictionary<string, string?>(audit.Settings) { ["Guardrails__ToolTimeouts__k8s_pod_logs"] = "5" };
        var (cluster, server) = await DemoClusterServer.StartAsync(new KubeFixtureOptions(), settings, Calls.Ct);
        await using var _ = cluster;
        await using var __ = server;
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Calls.Ct);

        // The lookahead forces the backtracking engine. Three open groups cost 3-10 ms on each ~130-character line, and
        // on a quiet machine the ~1,900 lines of a healthy pod finished inside the 5 s (CI at 13:20: 0 matches, no
        // timeout); a fourth bounded group multiplies that about sixfold: still under the 250 ms per-line bound, far
        // over the call's deadline.
        var started = Stopwatch.GetTimestamp();
        var result = await client.CallAsync("k8s_pod_logs", new() { ["pod"] = DemoPods.Healthy(cluster), ["tail_lines"] = 2000, ["grep"] = "^(?=.)(.*)(.*)(.{0,5})(.{0,5})!" });
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.True(result.IsError, result.Text());
        // On a machine so loaded that one line takes 250 ms, the per-line bound answers first: a time-out too.
        Assert.Matches("^grep: (filtering stopped at the call's 5 s deadline after \\d+ of \\d+ lines|the pattern took longer than 250 ms on one line)", result.Text());
        Assert.Contains("implify it", result.Text(), StringComparison.Ordinal);
        // The deadline plus slack for a busy machine; unbounded, the filter runs about 25 s.
        Assert.True(elapsed < TimeSpan.FromSeconds(8), $"answered after {elapsed.TotalSeconds:0.0} s");
        var record = Assert.Single(await audit.RecordsAsync(1, Calls.Ct), r => r["tool"]!.GetValue<string>() == "k8s_pod_logs");
        Assert.Equal("timeout", record["outcome"]!.GetValue<string>());
        Assert.StartsWith("grep: ", record["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
