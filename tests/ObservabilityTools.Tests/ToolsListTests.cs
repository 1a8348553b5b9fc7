using System.Text;
using System.Text.Json;

namespace SreSuite.ObservabilityTools.Tests;

/// <summary>What a client pays to learn this server's tools, and what every tool declares.</summary>
public sealed class ToolsListTests(RealMonitoring stack)
{
    private static readonly string[] ToolNames =
    [
        "prom_status", "prom_query", "prom_query_range", "prom_list_metrics", "prom_label_values", "prom_series",
        "prom_alerts", "prom_rules", "prom_targets", "am_alerts", "am_silences", "am_create_silence", "am_expire_silence",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tools_list_is_at_most_8000_bytes_on_the_wire()
    {
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", WithWriteTools(stack.Environment), Ct);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, server.McpUrl)
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");

        using var response = await http.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        var message = body.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..];
        var bytes = Encoding.UTF8.GetByteCount(message);
        TestContext.Current.TestOutputHelper?.WriteLine($"tools/list: {bytes:N0} bytes for {ToolNames.Length} tools");

        using var json = JsonDocument.Parse(message);
        Assert.Equal(ToolNames.Length, json.RootElement.GetProperty("result").GetProperty("tools").GetArrayLength());
        Assert.True(bytes <= 8000, $"{bytes} bytes");
    }

    [Fact]
    public async Task Every_tool_sets_all_four_hints_and_describes_every_parameter()
    {
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", WithWriteTools(stack.Environment), Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var tools = await client.ListToolsAsync(cancellationToken: Ct);

        Assert.Equal(ToolNames.Order(StringComparer.Ordinal), tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.True(tools.Count < 15);
        foreach (var tool in tools.Select(t => t.ProtocolTool))
        {
            var hints = tool.Annotations;
            Assert.NotNull(hints);
            Assert.NotNull(hints.ReadOnlyHint);
            Assert.NotNull(hints.DestructiveHint);
            Assert.NotNull(hints.IdempotentHint);
            Assert.NotNull(hints.OpenWorldHint);
            Assert.False(string.IsNullOrWhiteSpace(tool.Description), tool.Name);
            if (tool.InputSchema.TryGetProperty("properties", out var properties))
            {
                foreach (var parameter in properties.EnumerateObject())
                    Assert.True(parameter.Value.TryGetProperty("description", out _), $"{tool.Name}.{parameter.Name} has no description");
            }
        }

        var writes = tools.Where(t => t.ProtocolTool.Annotations!.ReadOnlyHint == false).Select(t => t.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["am_create_silence", "am_expire_silence"], writes);
        Assert.True(tools.Single(t => t.Name == "am_expire_silence").ProtocolTool.Annotations!.DestructiveHint);
        Assert.False(tools.Single(t => t.Name == "am_create_silence").ProtocolTool.Annotations!.DestructiveHint);
    }

    [Fact]
    public async Task The_caller_identity_parameter_is_bound_by_the_server_not_offered_to_the_client()
    {
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", WithWriteTools(stack.Environment), Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var create = (await client.ListToolsAsync(cancellationToken: Ct)).Single(t => t.Name == "am_create_silence");

        Assert.Equal(["comment", "duration", "matchers"], create.ProtocolTool.InputSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    // Write tools are listed only when the operator enables them; this listing checks all of them.
    private static Dictionary<string, string?> WithWriteTools(IReadOnlyDictionary<string, string?> environment) =>
        new(environment) { ["Guardrails__EnableWriteTools"] = "am_create_silence,am_expire_silence" };
}
