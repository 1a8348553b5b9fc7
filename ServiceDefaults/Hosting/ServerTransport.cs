namespace SreSuite.ServiceDefaults.Hosting;

/// <summary>How a server talks MCP: one binary serves both.</summary>
public enum ServerTransport
{
    /// <summary>Streamable HTTP at <c>/mcp</c>, for a team deployment or the AppHost.</summary>
    Http,

    /// <summary>JSON-RPC over stdin/stdout, for a per-user client such as Claude Desktop.</summary>
    Stdio,
}
