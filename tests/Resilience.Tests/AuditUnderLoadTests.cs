using System.Collections.Concurrent;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SreSuite.KubeFixture;

namespace SreSuite.Resilience.Tests;

/// <summary>
/// Eight MCP clients call InfraTools at once, each a mix of calls that succeed, that break the schema, that ask
/// for a tool that does not exist, and that fail at the API server (404). The audit must hold exactly one record
/// per tools/call sent, each with the caller and the outcome of that very call.
/// </summary>
public sealed class AuditUnderLoadTests
{
    private const int Clients = 8;
    private const int CallsPerClient = 24;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private enum Kind
    {
        Ok,
        BreaksTheSchema,
        UnknownTool,
        NotFoundAtTheBackend,
    }

    [Fact]
    public async Task Every_call_of_eight_concurrent_clients_is_audited_once_with_its_outcome()
    {
        await using var cluster = await KubeFixtureServer.StartAsync(new KubeFixtureOptions(), Ct);
        using var audit = new AuditLog();
        await using var server = await ServerProcess.StartAsync("InfraTools", new Dictionary<string, string?>(audit.Settings) { ["KUBECONFIG"] = cluster.KubeconfigPath }, Ct);

        var sent = new ConcurrentDictionary<string, (string Client, string Tool, string Outcome)>();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async c =>
        {
            var name = $"load-client-{c}";
            await using var client = await ConnectAsync(server.McpUrl, name);
            for (var i = 0; i < CallsPerClient; i++)
            {
                var marker = $"call=c{c}-i{i}";
                var (tool, outcome) = await CallAsync(client, (Kind)(i % 4), marker);
                Assert.True(sent.TryAdd(marker, (name, tool, outcome)));
            }
        }));

        await audit.RecordsAsync(sent.Count, Ct);
        // A record written after the count was reached would be a duplicate; give it time to show.
        await Task.Delay(500, Ct);
        var records = audit.Records();
        Assert.Equal(Clients * CallsPerClient, sent.Count);
        Assert.Equal(sent.Count, records.Count);
        var byMarker = records.GroupBy(record => Marker(record)).ToDictionary(group => group.Key, group => group.ToList());
        foreach (var (marker, expected) in sent)
        {
            Assert.True(byMarker.TryGetValue(marker, out var matching), $"no audit record for {expected.Tool} {marker}");
            var record = Assert.Single(matching);
            Assert.Equal(expected.Tool, record["tool"]!.GetValue<string>());
            Assert.Equal(expected.Outcome, record["outcome"]!.GetValue<string>());
            Assert.Equal(expected.Client, record["caller"]!["client"]!.GetValue<string>());
        }
    }

    private static async Task<(string Tool, string Outcome)> CallAsync(McpClient client, Kind kind, string marker)
    {
        switch (kind)
        {
            case Kind.Ok:
            {
                var result = await client.CallToolAsync("k8s_list_pods", Arguments(("namespace", "payments"), ("label_selector", marker)), cancellationToken: Ct);
                Assert.False(result.IsError == true, result.Text());
                return ("k8s_list_pods", "ok");
            }

            case Kind.BreaksTheSchema:
            {
                var result = await client.CallToolAsync("k8s_list_pods", Arguments(("label_selector", marker), ("limit", 100_000)), cancellationToken: Ct);
                Assert.True(result.IsError, result.Text());
                return ("k8s_list_pods", "invalid");
            }

            case Kind.UnknownTool:
            {
                await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("k8s_no_such_tool", Arguments(("label_selector", marker)), cancellationToken: Ct).AsTask());
                return ("k8s_no_such_tool", "invalid");
            }

            default:
            {
                var result = await client.CallToolAsync("k8s_get", Arguments(("kind", "pod"), ("namespace", "payments"), ("name", marker.Replace("call=", "missing-", StringComparison.Ordinal))), cancellationToken: Ct);
                Assert.True(result.IsError, result.Text());
                Assert.Contains("not found", result.Text(), StringComparison.Ordinal);
                return ("k8s_get", "error");
            }
        }
    }

    private static string Marker(System.Text.Json.Nodes.JsonObject record)
    {
        var arguments = record["arguments"]!;
        return arguments["label_selector"]?.GetValue<string>() ?? arguments["name"]!.GetValue<string>().Replace("missing-", "call=", StringComparison.Ordinal);
    }

    private static Dictionary<string, object?> Arguments(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    private static Task<McpClient> ConnectAsync(Uri mcpUrl, string name) => McpClient.CreateAsync(
        new HttpClientTransport(new HttpClientTransportOptions { Endpoint = mcpUrl, TransportMode = HttpTransportMode.StreamableHttp }),
        new McpClientOptions { ClientInfo = new Implementation { Name = name, Version = "1.0" } },
        cancellationToken: Ct);
}
