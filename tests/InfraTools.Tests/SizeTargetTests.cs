using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using SreSuite.KubeFixture.Cluster;

namespace SreSuite.InfraTools.Tests;

/// <summary>The answer sizes the issue promises, in bytes (deterministic for the demo cluster).</summary>
public sealed partial class SizeTargetTests(DemoClusterServer demo)
{
    [Fact]
    public async Task Listing_the_60_pod_namespace_fits_in_4000_bytes_with_every_pods_state()
    {
        await using var client = await demo.ConnectAsync(Calls.Ct);
        var text = await client.TextAsync("k8s_list_pods", new() { ["namespace"] = DemoStory.BusyNamespace });
        var raw = await RawPodListBytesAsync();
        Console.WriteLine($"k8s_list_pods {DemoStory.BusyNamespace}: {Calls.Bytes(text)} bytes; raw JSON of the same {DemoStory.BusyNamespacePods} pods: {raw} bytes");
        TestContext.Current.TestOutputHelper?.WriteLine($"raw JSON of the {DemoStory.BusyNamespacePods} pods from the API server: {raw} bytes (answer: {Calls.Bytes(text)} bytes)");

        Assert.True(Calls.Bytes(text) <= 4000, $"{Calls.Bytes(text)} bytes");
        var pods = DemoPods.In(demo.Cluster, DemoStory.BusyNamespace).Select(DemoPods.Name).ToList();
        Assert.Equal(DemoStory.BusyNamespacePods, pods.Count);
        var lines = text.Split('\n');
        foreach (var pod in pods)
            Assert.Single(lines, line => PodRow().Match(line) is { Success: true } row && row.Groups["name"].Value == pod);
    }

    [Fact]
    public async Task Triage_of_the_whole_cluster_fits_in_3000_bytes_naming_every_unhealthy_pod_and_node()
    {
        await using var client = await demo.ConnectAsync(Calls.Ct);
        var text = await client.TextAsync("k8s_find_unhealthy");

        Assert.True(Calls.Bytes(text) <= 3000, $"{Calls.Bytes(text)} bytes");
        var unhealthy = DemoPods.Unhealthy(demo.Cluster, DateTimeOffset.UtcNow);
        Assert.Equal(10, unhealthy.Count);
        foreach (var pod in unhealthy)
            Assert.Contains(pod, text, StringComparison.Ordinal);
        Assert.Contains($"{DemoStory.NotReadyNode} NotReady", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Default_pod_logs_fit_in_8000_bytes_and_a_noisy_healthy_pod_in_2000()
    {
        await using var client = await demo.ConnectAsync(Calls.Ct);
        var crashing = await client.TextAsync("k8s_pod_logs", new() { ["pod"] = DemoPods.CrashLooping(demo.Cluster) });
        var busy = await client.TextAsync("k8s_pod_logs", new() { ["pod"] = DemoPods.Healthy(demo.Cluster) });

        Console.WriteLine($"k8s_pod_logs of a crashing pod: {Calls.Bytes(crashing)} bytes; of a noisy healthy pod: {Calls.Bytes(busy)} bytes");
        Assert.True(Calls.Bytes(crashing) <= 8000, $"{Calls.Bytes(crashing)} bytes");
        // A noisy healthy pod: 200 request lines collapse into templates with counts (issue 20 part 4 goal: <= 2,000 bytes).
        Assert.True(Calls.Bytes(busy) <= 2000, $"{Calls.Bytes(busy)} bytes");
        Assert.Contains("200 lines", busy, StringComparison.Ordinal);
        Assert.Contains("collapsed 200 lines into", busy, StringComparison.Ordinal);
        Assert.Contains("last 3 lines, verbatim:", busy, StringComparison.Ordinal);
        // Probes and each API route stay apart (a path or method is never masked away), so the answer says most lines were probes.
        Assert.Matches(@"\n×1\d\d [^\n]* GET http://<ip>/healthz - <num> - text/plain <num>ms\n", busy);
        Assert.Contains(" POST /v1/orders - <num> - application/json <num>ms\n", busy, StringComparison.Ordinal);
        Assert.Contains(" GET /v1/orders/<num> - <num> - application/json <num>ms\n", busy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tools_list_fits_in_8000_bytes_with_at_most_14_tools_all_annotated()
    {
        await using var client = await demo.ConnectAsync(Calls.Ct);
        var result = await client.ListToolsAsync(new ListToolsRequestParams(), Calls.Ct);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(result, McpJsonUtilities.DefaultOptions).Length;
        var readOnly = JsonSerializer.SerializeToUtf8Bytes(new ListToolsResult { Tools = [.. result.Tools.Where(t => t.Annotations?.ReadOnlyHint == true)] }, McpJsonUtilities.DefaultOptions).Length;
        Console.WriteLine($"InfraTools tools/list: {result.Tools.Count} tools, {bytes} bytes; the {result.Tools.Count(t => t.Annotations?.ReadOnlyHint == true)} read tools alone: {readOnly} bytes");

        Assert.True(bytes <= 8000, $"{bytes} bytes");
        Assert.InRange(result.Tools.Count, 1, 14);
        // Write tools are listed only when enabled; ToolSurfaceTests checks the listing with them.
        Assert.Equal(
            ["k8s_context", "k8s_describe_workload", "k8s_events", "k8s_find_unhealthy", "k8s_get", "k8s_list", "k8s_list_pods", "k8s_pod_logs", "k8s_rollout_history", "k8s_top"],
            result.Tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(result.Tools, tool =>
        {
            var hints = tool.Annotations!;
            Assert.NotNull(hints.ReadOnlyHint);
            Assert.NotNull(hints.DestructiveHint);
            Assert.NotNull(hints.IdempotentHint);
            Assert.NotNull(hints.OpenWorldHint);
            Assert.True(hints.ReadOnlyHint);
        });
    }

    private async Task<long> RawPodListBytesAsync()
    {
        using var http = new HttpClient { BaseAddress = demo.Cluster.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", demo.Cluster.Options.Token);
        var body = await http.GetByteArrayAsync(new Uri($"/api/v1/namespaces/{DemoStory.BusyNamespace}/pods", UriKind.Relative), Calls.Ct);
        return body.Length;
    }

    [GeneratedRegex(@"^(?<name>[a-z0-9-]+) \d+/\d+ [A-Za-z]+ \d+ (-|[A-Za-z]+\(\d+\),(\d+[smhd]){1,2}) (\d+[smhd]){1,2} node-\d\d$")]
    private static partial Regex PodRow();
}
