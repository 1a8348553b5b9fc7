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

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(McpClients.ProtocolVersions), MemberType = typeof(McpClients))]
    public async Task Http_client_initializes_lists_tools_and_calls_the_status_tool(string protocolVersion)
    {
        await using var server = await ServerProcess.StartAsync(ServerName, Environment, Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct, protocolVersion);

        Assert.Equal(ServerName, client.ServerInfo?.Name);
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
    [MemberData(nameof(McpClients.ProtocolVersions), MemberType = typeof(McpClients))]
    public async Task Stdio_client_initializes_lists_tools_and_calls_the_status_tool(string protocolVersion)
    {
        await using var client = await McpClients.ConnectStdioAsync(ServerName, Ct, protocolVersion, Environment.ToDictionary());

        Assert.Equal(ServerName, client.ServerInfo?.Name);
        var tools = await client.ListToolsAsync(cancellationToken: Ct);
        Assert.Contains(tools, tool => tool.Name == StatusTool);

        var result = await client.CallToolAsync(StatusTool, cancellationToken: Ct);
        var text = result.Text();
        Assert.NotEqual(true, result.IsError);
        Assert.Contains("transport: stdio", text, StringComparison.Ordinal);
        Assert.Contains($"protocol: {client.NegotiatedProtocolVersion}", text, StringComparison.Ordinal);
        Assert.Contains(UnconfiguredBackendLine, text, StringComparison.Ordinal);
    }
}
