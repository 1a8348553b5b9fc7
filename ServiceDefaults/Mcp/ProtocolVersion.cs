using ModelContextProtocol.Server;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.ServiceDefaults.Mcp;

/// <summary>The protocol version a request is served under, as status answers and the audit name it.</summary>
public static class ProtocolVersion
{
    /// <summary>
    /// What the transport assumes when a client names no version: the Streamable HTTP transport says a server that
    /// receives no <c>MCP-Protocol-Version</c> header, and has no other way to know, assumes 2025-03-26 (the
    /// revision before the header existed).
    /// </summary>
    public const string AssumedWithoutHeader = "2025-03-26";

    /// <summary>
    /// The version negotiated for this request, or over stateless HTTP the one the spec says to assume when an older
    /// client sent no header (each POST gets a fresh server that never saw that client's <c>initialize</c>).
    /// </summary>
    public static string Of(McpServer server, ServerTransport transport)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server.NegotiatedProtocolVersion
            ?? (transport == ServerTransport.Http ? AssumedWithoutHeader : "unknown");
    }
}
