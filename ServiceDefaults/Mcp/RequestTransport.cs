using ModelContextProtocol.Protocol;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.ServiceDefaults.Mcp;

/// <summary>The transport a request actually arrived on, as status answers name it.</summary>
public static class RequestTransport
{
    /// <summary>
    /// <c>stdio</c>, <c>streamable http</c> or <c>sse</c>. An HTTP server with <c>Mcp__EnableLegacySse</c> serves both
    /// HTTP transports, so the server's setting alone cannot say which one this request used.
    /// </summary>
    public static string NameOf(ServerTransport serverTransport, JsonRpcMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (serverTransport == ServerTransport.Stdio)
            return "stdio";
        // Streamable HTTP ties each message to the POST it came on, whose response carries the answer; legacy SSE
        // queues a POST /message onto the session's GET stream and the message keeps no transport of its own.
        return request.Context?.RelatedTransport is null ? "sse" : "streamable http";
    }
}
