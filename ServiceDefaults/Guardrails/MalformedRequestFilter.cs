using System.Text.Json;

using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// Requests whose params cannot be read (an array for params, a number for a tool name, a string for
/// arguments) would otherwise surface as the SDK's generic "An error occurred." (-32603). They are answered as
/// invalid params (-32602) with what was wrong.
/// </summary>
internal static class MalformedRequestFilter
{
    public static McpMessageFilter Filter => next => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is JsonRpcRequest { Method: RequestMethods.ToolsCall } call && ToolCallEnvelope.Problem(call.Params) is { } problem)
            throw new McpProtocolException($"Invalid params for tools/call: {problem}", McpErrorCode.InvalidParams);
        try
        {
            await next(context, cancellationToken);
        }
        catch (JsonException ex) when (context.JsonRpcMessage is JsonRpcRequest request)
        {
            throw new McpProtocolException($"Invalid params for {request.Method}: {FirstLine(ex.Message)}", McpErrorCode.InvalidParams);
        }
    };

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0];
        // System.Text.Json names its internal types and paths; keep the part that says what was wrong.
        var cut = line.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? line[..cut] : line;
    }
}
