using System.Diagnostics;
using System.Globalization;
using System.Text;
using SreSuite.Harness;
using SreSuite.KubeFixture;
using SreSuite.KubeFixture.Cluster;

namespace SreSuite.Bench;

/// <summary>
/// <c>k8s_find_unhealthy</c> on generated clusters of 2,000 and 10,000 pods with many unrelated problems and one
/// NotReady node: answer bytes, time per call, and how many of the affected workloads and NotReady nodes it names.
/// Goal (issue 20): at 10,000 pods ≤ 8,000 bytes, every affected workload and NotReady node named, ≤ 2 s.
/// </summary>
internal sealed class TriageScaleSection : IBenchmarkSection
{
    public string Name => "scale";

    public string Title => "Triage at scale: k8s_find_unhealthy on generated clusters";

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var runs = options.Short ? 3 : 7;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"KubeFixture `GeneratedPods` (deterministic), InfraTools over HTTP; median (and max) of {runs} calls after one warm-up.").AppendLine();
        text.AppendLine("| Pods | Nodes | Affected workloads | Answer bytes | Workloads named | NotReady node named | Median | Max |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |");
        foreach (var pods in new[] { 2000, 10000 })
        {
            var now = DateTimeOffset.UtcNow;
            var truth = GeneratedCluster.Of(pods, now);
            await using var cluster = await KubeFixtureServer.StartAsync(new KubeFixtureOptions { Now = now, GeneratedPods = pods }, cancellationToken);
            await using var server = await ServerProcess.StartAsync("InfraTools", new Dictionary<string, string?>
            {
                ["KUBECONFIG"] = cluster.KubeconfigPath,
                ["Audit__Stderr"] = "false",
                ["Mcp__RateLimitPerMinute"] = "100000",
            }, cancellationToken);
            await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, cancellationToken);
            var answer = await Measurements.CallTextAsync(client, "k8s_find_unhealthy", [], cancellationToken);
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var started = Stopwatch.GetTimestamp();
                answer = await Measurements.CallTextAsync(client, "k8s_find_unhealthy", [], cancellationToken);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            times.Sort();
            var named = truth.AffectedWorkloads.Count(w => Names(answer, w));
            var bytes = Encoding.UTF8.GetByteCount(answer);
            Console.WriteLine($"--- k8s_find_unhealthy on {pods} pods: {bytes} bytes\n{answer}\n");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {pods:N0} | {truth.NodeCount} | {truth.AffectedWorkloads.Count} | {bytes:N0} | {named}/{truth.AffectedWorkloads.Count} | {(answer.Contains(truth.NotReadyNode + " NotReady", StringComparison.Ordinal) ? "yes" : "no")} | {Measurements.Percentile(times, 0.5):N0} ms | {times[^1]:N0} ms |");
        }

        return text.ToString();
    }

    /// <summary>Named as <c>ns/name</c>, or under its namespace's line in the densest form (<c>ns: name 3/4, …</c>).</summary>
    private static bool Names(string answer, string workload)
    {
        if (answer.Contains(workload + " ", StringComparison.Ordinal) || answer.Contains(workload.Replace("/", "/deployment/", StringComparison.Ordinal) + " ", StringComparison.Ordinal))
            return true;
        var slash = workload.IndexOf('/', StringComparison.Ordinal);
        var (ns, name) = (workload[..slash], workload[(slash + 1)..]);
        return answer.Split('\n').Any(line => line.StartsWith(ns + ": ", StringComparison.Ordinal)
            && (line.Contains(" " + name + " ", StringComparison.Ordinal)));
    }
}
