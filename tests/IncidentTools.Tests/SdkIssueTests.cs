namespace SreSuite.IncidentTools.Tests;

/// <summary>
/// Known SDK behaviours (docs/sdk-issues.md), pinned so that each test fails the day the SDK changes: then remove the
/// workaround or the conformance baseline entry it names.
/// </summary>
public sealed class SdkIssueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// SEP-2164 says a resources/read of an unknown URI SHOULD carry the URI in <c>error.data.uri</c>. The SDK answers
    /// URIs no resource or template matches itself, without data. When this fails, drop
    /// <c>sep-2164-resource-not-found:sep-2164-data-uri</c> from .ci/conformance-baseline/*.yml.
    /// </summary>
    [Fact]
    public async Task Sdk_answers_an_unknown_resource_uri_without_error_data_uri()
    {
        await using var server = await ServerProcess.StartAsync("IncidentTools", cancellationToken: Ct);
        const string read = """
            {"jsonrpc":"2.0","id":7,"method":"resources/read","params":{"uri":"test://nonexistent","_meta":{
              "io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},
              "io.modelcontextprotocol/clientInfo":{"name":"sdk-issue","version":"1"}}}}
            """;

        var reply = await RawMcp.PostAsync(server.McpUrl, read, Ct, new Dictionary<string, string> { ["Mcp-Method"] = "resources/read", ["Mcp-Name"] = "test://nonexistent" }, "2026-07-28");

        Assert.NotNull(reply.ErrorCode);
        Assert.Null(reply.Message?["error"]?["data"]?["uri"]);
    }
}
