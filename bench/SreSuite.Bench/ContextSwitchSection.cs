using System.Diagnostics;
using System.Globalization;
using System.Text;
using SreSuite.Harness;
using SreSuite.KubeFixture;

namespace SreSuite.Bench;

/// <summary>
/// One InfraTools serving two fixture clusters (<c>Kubernetes__Contexts=staging,production</c>): the time of a call that
/// stays on one context against calls that alternate between the two, and the TCP connections open to each API server
/// afterwards. Goal (issue 17): a context switch costs no reconnect and no new client, so alternating is as fast as
/// staying, and the connections stay one or two per cluster however many calls alternate.
/// </summary>
internal sealed class ContextSwitchSection : IBenchmarkSection
{
    private static readonly string[] TcpTables = ["/proc/net/tcp", "/proc/net/tcp6"];

    public string Name => "contexts";

    public string Title => "Context switching: one server, two clusters";

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var calls = options.Short ? 40 : 200;
        await using var staging = await KubeFixtureServer.StartAsync(new KubeFixtureOptions { ContextName = "staging" }, cancellationToken);
        await using var production = await KubeFixtureServer.StartAsync(new KubeFixtureOptions { ContextName = "production" }, cancellationToken);
        await using var server = await ServerProcess.StartAsync("InfraTools", new Dictionary<string, string?>
        {
            ["KUBECONFIG"] = $"{staging.KubeconfigPath}{Path.PathSeparator}{production.KubeconfigPath}",
            ["Kubernetes__Contexts"] = "staging,production",
            ["Audit__Stderr"] = "false",
            ["Mcp__RateLimitPerMinute"] = "100000",
        }, cancellationToken);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, cancellationToken);

        Task<double> CallAsync(string context) => TimedAsync(() => Measurements.CallTextAsync(client, "k8s_list_pods",
            new() { ["namespace"] = "identity", ["context"] = context }, cancellationToken));

        // Warm-up: both clients created, both connections open.
        await CallAsync("staging");
        await CallAsync("production");
        var connectionsBefore = (Open(staging.Url.Port), Open(production.Url.Port));

        var same = new List<double>();
        var alternating = new List<double>();
        for (var i = 0; i < calls; i++)
        {
            // Interleaved, so load on the shared machine affects both series alike.
            same.Add(await CallAsync("staging"));
            alternating.Add(await CallAsync(i % 2 == 0 ? "production" : "staging"));
        }

        var connectionsAfter = (Open(staging.Url.Port), Open(production.Url.Port));
        same.Sort();
        alternating.Sort();
        var overhead = Measurements.Percentile(alternating, 0.5) - Measurements.Percentile(same, 0.5);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"`k8s_list_pods namespace=identity` over HTTP, {calls} calls per series after one warm-up call per context; the series are interleaved.").AppendLine();
        text.AppendLine("| Series | Median | p90 | Max |");
        text.AppendLine("| --- | ---: | ---: | ---: |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| same context (staging) | {Measurements.Percentile(same, 0.5):F1} ms | {Measurements.Percentile(same, 0.9):F1} ms | {same[^1]:F1} ms |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| alternating staging/production | {Measurements.Percentile(alternating, 0.5):F1} ms | {Measurements.Percentile(alternating, 0.9):F1} ms | {alternating[^1]:F1} ms |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Per-call overhead of a context switch (median difference): {overhead:F1} ms.");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"TCP connections open from InfraTools to each API server (staging, production): {connectionsBefore.Item1}, {connectionsBefore.Item2} after the warm-up; {connectionsAfter.Item1}, {connectionsAfter.Item2} after {2 * calls} more calls.");
        return text.ToString();
    }

    private static async Task<double> TimedAsync(Func<Task<string>> call)
    {
        var started = Stopwatch.GetTimestamp();
        await call();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>Established TCP connections to a local port, from <c>/proc/net/tcp</c> (only InfraTools connects to a fixture).</summary>
    private static int Open(int port)
    {
        var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
        var count = 0;
        foreach (var table in TcpTables.Where(File.Exists))
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 3 && fields[2].EndsWith(":" + hexPort, StringComparison.Ordinal) && fields[3] == "01")
                    count++;
            }
        }

        return count;
    }
}
