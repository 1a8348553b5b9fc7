using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace SreSuite.PublishCheck;

/// <summary>The checks of one published binary: it exists, answers over stdio exactly as the JIT build advertises, and serves HTTP.</summary>
internal static class PublishedServerChecks
{
    public static async Task RunAsync(PublishedServer server, ServerChecks checks, CheckLog log, CancellationToken cancellationToken)
    {
        var name = server.Name;
        if (!File.Exists(server.Binary))
        {
            await log.RunAsync($"{name}: published binary", _ => throw new CheckFailedException($"{server.Binary} does not exist; publish it first (.ci/aot-check)"), cancellationToken);
            return;
        }

        var snapshot = await File.ReadAllTextAsync(SnapshotPath(name), cancellationToken);
        var settings = new Dictionary<string, string?>(checks.Settings) { ["Guardrails__EnableWriteTools"] = string.Join(',', WriteTools(snapshot)) };
        McpClient? stdio = null;
        try
        {
            await log.RunAsync($"{name} stdio: initialize", async ct =>
            {
                var client = await server.ConnectStdioAsync(settings, ct);
                stdio = client;
                CheckLog.Expect(client.ServerInfo?.Name == name, $"serverInfo.name is {client.ServerInfo?.Name}");
                CheckLog.Expect(client.ServerInfo?.Icons is [{ MimeType: "image/svg+xml" }], $"serverInfo.icons is not the embedded SVG ({client.ServerInfo?.Icons?.Count ?? 0} icons)");
            }, cancellationToken);
            await log.RunAsync($"{name} stdio: tools/list equals tests/{name}.Tests/Snapshots/tools-list.json", async ct =>
            {
                var tools = await Connected(stdio).ListToolsAsync(cancellationToken: ct);
                CheckLog.Expect(Render(tools) == snapshot, $"tools/list differs from the JIT build's snapshot:\n{Render(tools)}");
            }, cancellationToken);
            foreach (var call in checks.Calls.Prepend(checks.Status))
                await log.RunAsync($"{name} stdio: {call.Name}", ct => call.CallAsync(Connected(stdio), ct), cancellationToken);
        }
        finally
        {
            if (stdio is not null)
                await stdio.DisposeAsync();
        }

        await RunHttpAsync(server, checks, log, cancellationToken);
    }

    private static async Task RunHttpAsync(PublishedServer server, ServerChecks checks, CheckLog log, CancellationToken cancellationToken)
    {
        var name = server.Name;
        RunningServer? running = null;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            await log.RunAsync($"{name} http: starts and answers /alive and /health", async ct =>
            {
                running = await server.StartHttpAsync(checks.Settings, ct);
                using var alive = await http.GetAsync(new Uri(running.BaseUrl, "/alive"), ct);
                CheckLog.Expect(alive.IsSuccessStatusCode, $"/alive answered {(int)alive.StatusCode}");
                var health = await http.GetStringAsync(new Uri(running.BaseUrl, "/health"), ct);
                CheckLog.Expect(JsonNode.Parse(health)?["status"]?.GetValue<string>() == "Healthy", $"/health is not Healthy against the demo backends: {health}");
            }, cancellationToken);
            await log.RunAsync($"{name} http: {checks.Status.Name} and {checks.Calls[0].Name} over Streamable HTTP", async ct =>
            {
                await using var client = await PublishedServer.ConnectHttpAsync(Started(running).BaseUrl, ct);
                await checks.Status.CallAsync(client, ct);
                await checks.Calls[0].CallAsync(client, ct);
            }, cancellationToken);
            await log.RunAsync($"{name} http: /metrics has the MCP SDK's operation durations", async ct =>
            {
                var metrics = await http.GetStringAsync(new Uri(Started(running).BaseUrl, "/metrics"), ct);
                CheckLog.Expect(metrics.Contains("mcp_server_operation_duration", StringComparison.Ordinal), "/metrics lacks mcp_server_operation_duration");
            }, cancellationToken);
        }
        finally
        {
            if (running is not null)
                await running.DisposeAsync();
        }

        await RunOAuthAsync(server, checks, log, cancellationToken);
    }

    /// <summary>A team deployment: tokens from a real OIDC issuer, validated by the published binary.</summary>
    private static async Task RunOAuthAsync(PublishedServer server, ServerChecks checks, CheckLog log, CancellationToken cancellationToken)
    {
        var scope = $"{server.Name[..^"Tools".Length].ToLowerInvariant()}:read";
        await log.RunAsync($"{server.Name} http: OAuth challenge, metadata, and a token with {scope} calling {checks.Status.Tool}", async ct =>
        {
            await using var issuer = await TestIssuer.StartAsync(ct);
            const string audience = "https://sre.example.com/mcp";
            var settings = new Dictionary<string, string?>(checks.Settings)
            {
                ["Auth__Authority"] = issuer.Issuer,
                ["Auth__Audience"] = audience,
                ["Auth__RequireHttpsMetadata"] = "false",
            };
            await using var running = await server.StartHttpAsync(settings, ct);
            var mcp = new Uri(running.BaseUrl, "/mcp");

            var anonymous = await RawMcp.PostAsync(mcp, RawMcp.ToolCall(checks.Status.Tool), ct);
            CheckLog.Expect(anonymous.Status == HttpStatusCode.Unauthorized, $"a call without a token got {(int)anonymous.Status}");
            CheckLog.Expect(anonymous.Headers.WwwAuthenticate.ToString().Contains("resource_metadata=", StringComparison.Ordinal), "the 401 has no resource_metadata challenge");
            using var http = new HttpClient();
            var metadata = await http.GetStringAsync(new Uri(running.BaseUrl, "/.well-known/oauth-protected-resource"), ct);
            CheckLog.Expect(JsonNode.Parse(metadata)?["resource"]?.GetValue<string>() == audience, $"protected resource metadata: {metadata}");
            var foreign = await RawMcp.PostAsync(mcp, RawMcp.ToolCall(checks.Status.Tool), ct,
                new Dictionary<string, string> { ["Authorization"] = $"Bearer {issuer.Token("alice", "https://other.example.com/mcp", scope)}" });
            CheckLog.Expect(foreign.Status == HttpStatusCode.Unauthorized, $"a token for another audience got {(int)foreign.Status}");

            await using var client = await McpClient.CreateAsync(
                new HttpClientTransport(new HttpClientTransportOptions
                {
                    Endpoint = mcp,
                    TransportMode = HttpTransportMode.StreamableHttp,
                    AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {issuer.Token("alice", audience, scope)}" },
                }),
                cancellationToken: ct);
            await checks.Status.CallAsync(client, ct);
        }, cancellationToken);
    }

    private static McpClient Connected(McpClient? client) => client ?? throw new CheckFailedException("not connected (initialize failed)");

    private static RunningServer Started(RunningServer? server) => server ?? throw new CheckFailedException("not started");

    private static string SnapshotPath(string server) => Path.Combine(Repository.Root, "tests", $"{server}.Tests", "Snapshots", "tools-list.json");

    /// <summary>The snapshot lists every tool with write tools enabled; these are the ones to enable.</summary>
    private static IEnumerable<string> WriteTools(string snapshot) =>
        (JsonNode.Parse(snapshot) as JsonArray ?? [])
            .Where(tool => tool?["annotations"]?["readOnlyHint"]?.GetValue<bool>() != true)
            .Select(tool => tool!["name"]!.GetValue<string>());

    /// <summary>Rendered exactly as the server tests render it for the snapshot (TestSupport's ToolSurfaceContract).</summary>
    private static string Render(IEnumerable<McpClientTool> tools)
    {
        var array = new JsonArray();
        foreach (var tool in tools.Select(tool => tool.ProtocolTool).OrderBy(tool => tool.Name, StringComparer.Ordinal))
            array.Add(JsonSerializer.SerializeToNode(tool, McpJsonUtilities.DefaultOptions));
        return array.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }
}
