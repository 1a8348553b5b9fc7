namespace SreSuite.Tests;

/// <summary>
/// What every server promises from its first day: a real MCP client can initialize with any protocol version,
/// over HTTP and stdio, list tools, and call the status tool that says what the server is bound to.
/// </summary>
public abstract class StatusToolContract
{
    protected abstract string ServerName { get; }

    protected abstract string StatusTool { get; }

    /// <summary>A line the status tool prints when no backend is configured, naming the setting to set.</summary>
    protected abstract string UnconfiguredBackendLine { get; }

    protected virtual IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>();

    /// <summary>Every protocol version a client may ask for.</summary>
    public static TheoryData<string> ProtocolVersions => new(McpClients.ProtocolVersions);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(ProtocolVersions))]
    public async Task Http_client_initializes_lists_tools_and_calls_the_status_tool(string protocolVersion)
    {
        await using var server = await ServerProcess.StartAsync(ServerName, Environment, Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct, protocolVersion);

        Assert.Equal(ServerName, client.ServerInfo?.Name);
        AssertServerIcon(client);
        var tools = await client.ListToolsAsync(cancellationToken: Ct);
        Assert.Contains(tools, tool => tool.Name == StatusTool);

        var result = await client.CallToolAsync(StatusTool, cancellationToken: Ct);
        var text = result.Text();
        Assert.NotEqual(true, result.IsError);
        Assert.Contains($"server: {ServerName}", text, StringComparison.Ordinal);
        Assert.Contains("transport: streamable http", text, StringComparison.Ordinal);
        Assert.Contains($"protocol: {client.NegotiatedProtocolVersion}", text, StringComparison.Ordinal);
        Assert.Contains(UnconfiguredBackendLine, text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ProtocolVersions))]
    public async Task Stdio_client_initializes_lists_tools_and_calls_the_status_tool(string protocolVersion)
    {
        await using var client = await McpClients.ConnectStdioAsync(ServerName, Ct, protocolVersion, Environment.ToDictionary());

        Assert.Equal(ServerName, client.ServerInfo?.Name);
        AssertServerIcon(client);
        var tools = await client.ListToolsAsync(cancellationToken: Ct);
        Assert.Contains(tools, tool => tool.Name == StatusTool);

        var result = await client.CallToolAsync(StatusTool, cancellationToken: Ct);
        var text = result.Text();
        Assert.NotEqual(true, result.IsError);
        Assert.Contains("transport: stdio", text, StringComparison.Ordinal);
        Assert.Contains($"protocol: {client.NegotiatedProtocolVersion}", text, StringComparison.Ordinal);
        Assert.Contains(UnconfiguredBackendLine, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Legacy_sse_serves_old_clients_on_sse_and_current_clients_statelessly_on_mcp()
    {
        var environment = new Dictionary<string, string?>(Environment) { ["Mcp__EnableLegacySse"] = "true" };
        await using var server = await ServerProcess.StartAsync(ServerName, environment, Ct);

        await using (var current = await McpClients.ConnectHttpAsync(server.McpUrl, Ct, "2026-07-28"))
        {
            Assert.Equal("2026-07-28", current.NegotiatedProtocolVersion);
            var text = (await current.CallToolAsync(StatusTool, cancellationToken: Ct)).Text();
            Assert.Contains("protocol: 2026-07-28", text, StringComparison.Ordinal);
            Assert.Contains("transport: streamable http", text, StringComparison.Ordinal);
        }

        await using (var initializing = await McpClients.ConnectHttpAsync(server.McpUrl, Ct, "2025-11-25"))
        {
            Assert.NotNull(initializing.SessionId);
            var text = (await initializing.CallToolAsync(StatusTool, cancellationToken: Ct)).Text();
            Assert.Contains("protocol: 2025-11-25", text, StringComparison.Ordinal);
            Assert.Contains("transport: streamable http", text, StringComparison.Ordinal);
        }

        var sse = new ModelContextProtocol.Client.HttpClientTransport(new() { Endpoint = new Uri(server.BaseUrl, "/mcp/sse"), TransportMode = ModelContextProtocol.Client.HttpTransportMode.Sse });
        await using var legacy = await ModelContextProtocol.Client.McpClient.CreateAsync(sse, cancellationToken: Ct);
        var legacyText = (await legacy.CallToolAsync(StatusTool, cancellationToken: Ct)).Text();
        Assert.Contains($"server: {ServerName}", legacyText, StringComparison.Ordinal);
        Assert.Contains("transport: sse", legacyText, StringComparison.Ordinal);
        Assert.Contains($"protocol: {legacy.NegotiatedProtocolVersion}", legacyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stateless_http_without_a_protocol_header_assumes_2025_03_26()
    {
        await using var server = await ServerProcess.StartAsync(ServerName, Environment, Ct);
        const string initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-03-26","capabilities":{},"clientInfo":{"name":"old","version":"1"}}}""";

        var initialized = await RawMcp.PostAsync(server.McpUrl, initialize, Ct, protocolVersion: null);
        var status = await RawMcp.PostAsync(server.McpUrl, RawMcp.ToolCall(StatusTool, id: 2), Ct, protocolVersion: null);

        Assert.Equal("2025-03-26", initialized.Message?["result"]?["protocolVersion"]?.GetValue<string>());
        Assert.Contains("protocol: 2025-03-26", status.Text, StringComparison.Ordinal);
    }

    /// <summary>The server's own icon, embedded in its binary and sent inline (issue 21): one SVG data URI, no URL to fetch.</summary>
    private static void AssertServerIcon(ModelContextProtocol.Client.McpClient client)
    {
        var icon = Assert.Single(client.ServerInfo?.Icons ?? []);
        Assert.Equal("image/svg+xml", icon.MimeType);
        Assert.StartsWith("data:image/svg+xml;base64,", icon.Source, StringComparison.Ordinal);
        Assert.StartsWith("<svg", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(icon.Source["data:image/svg+xml;base64,".Length..])), StringComparison.Ordinal);
    }
}
