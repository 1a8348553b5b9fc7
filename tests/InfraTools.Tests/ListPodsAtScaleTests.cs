using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SreSuite.InfraTools.Triage;
using SreSuite.KubeFixture;

namespace SreSuite.InfraTools.Tests;

/// <summary>
/// Issue 20, part 4, for k8s_list_pods on a 2,000-pod library scenario: the first page leads with the whole selection
/// (total, statuses, the pods needing attention grouped by workload), then the page's rows, then how to go on; and
/// paging with continue still names every pod exactly once, however much room the summary took.
/// </summary>
public sealed class ListPodsAtScaleTests
{
    [Fact]
    public async Task The_first_page_sums_up_all_2000_pods_and_paging_with_continue_names_every_pod_once()
    {
        var (cluster, server) = await DemoClusterServer.StartAsync(new KubeFixtureOptions { Scenario = "fleet-2k-checkout-oom" }, new Dictionary<string, string?>(), Calls.Ct);
        await using (cluster)
        await using (server)
        {
            using var http = new HttpClient { BaseAddress = cluster.Url };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", cluster.Options.Token);
            var all = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/v1/pods", UriKind.Relative), Calls.Ct))!["items"]!.AsArray()
                .Select(p => $"{p!["metadata"]!["namespace"]}/{p["metadata"]!["name"]}").ToList();
            Assert.True(all.Count >= 2000, $"{all.Count} pods");
            await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Calls.Ct);

            var first = await client.CallAsync("k8s_list_pods", new() { ["namespace"] = "*" });
            var text = first.Text();
            var lines = text.Split('\n');

            Assert.True(Calls.Bytes(text) <= 5400, $"{Calls.Bytes(text)} bytes");
            Assert.StartsWith($"all namespaces: {all.Count} pods match (Running ", lines[0], StringComparison.Ordinal);
            Assert.Matches(@"; \d+ ready; \d+ need attention$", lines[0]);
            Assert.StartsWith("need attention, by reason: CrashLoopBackOff(OOMKilled) 13, ", lines[1], StringComparison.Ordinal);
            Assert.Contains(lines, line => line.StartsWith("NEED ATTENTION BY WORKLOAD (", StringComparison.Ordinal));
            // The root cause is a workload row, with how many of its pods and why (12 of its 12; the 13th OOM kill is an old cache-warmer).
            Assert.Contains(lines, line => line.StartsWith("shop/deployment/checkout-api 12/12 unhealthy: CrashLoopBackOff(OOMKilled) ×12", StringComparison.Ordinal)
                || line.StartsWith("shop/checkout-api 12/12 CrashLoopBackOff(OOMKilled)", StringComparison.Ordinal)
                || line.StartsWith("shop: ", StringComparison.Ordinal) && line.Contains("checkout-api 12/12 CrashLoopBackOff(OOMKilled)", StringComparison.Ordinal));
            var pageHeader = Array.FindIndex(lines, line => line.StartsWith("PODS ON THIS PAGE (", StringComparison.Ordinal));
            Assert.True(pageHeader > 0, "no PODS ON THIS PAGE header");
            Assert.Equal(PodRows.Header, lines[pageHeader + 1]);
            Assert.Matches(@"^\d+ more pods: call again with continue=\S+$", lines[^1]);

            // structuredContent agrees with the text.
            var structured = JsonNode.Parse(first.StructuredContent!.Value.GetRawText())!;
            Assert.Equal(all.Count, structured["matched"]!["pods"]!.GetValue<int>());
            Assert.Contains(structured["matched"]!["workloads"]!.AsArray(), w => (string?)w!["name"] == "checkout-api" && (int?)w["unhealthy"] == 12);
            Assert.Equal(RowsOf(text).Count, structured["pods"]!.AsArray().Count + (structured["omitted"]?["pods"]?.GetValue<int>() ?? 0));

            // Paging on: every pod named exactly once, whatever the summary took from the first page.
            var named = new List<string>(RowsOf(text));
            var answer = text;
            for (var pages = 1; ContinueOf(answer) is { } token; pages++)
            {
                Assert.True(pages < 200, "more than 200 pages");
                answer = await client.TextAsync("k8s_list_pods", new() { ["namespace"] = "*", ["continue"] = token });
                Assert.Contains(" (continued; ", answer.Split('\n')[0], StringComparison.Ordinal);
                named.AddRange(RowsOf(answer));
            }

            Assert.Equal(all.Order(StringComparer.Ordinal), named.Order(StringComparer.Ordinal));
        }
    }

    /// <summary>The pods a page names: the rows after the column header, up to the closing notes.</summary>
    private static List<string> RowsOf(string answer)
    {
        var lines = answer.Split('\n');
        var header = Array.IndexOf(lines, PodRows.Header);
        return [.. lines.Skip(header + 1).TakeWhile(line => !line.StartsWith('…') && !line.Contains(" more pods", StringComparison.Ordinal)).Select(line => line.Split(' ')[0])];
    }

    private static string? ContinueOf(string answer) =>
        answer.Split('\n')[^1] is var last && last.IndexOf("continue=", StringComparison.Ordinal) is var at and >= 0 ? last[(at + "continue=".Length)..] : null;
}
