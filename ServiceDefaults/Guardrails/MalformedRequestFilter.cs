using System.Text.Json;

using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// Params the SDK cannot bind (a value of the wrong type deep in a request) would otherwise surface as its generic
/// "An error occurred." (-32603); they are answered as invalid params (-32602) with what was wrong. The shape of the
/// envelope itself is checked before, by the strict reader, on both transports.
/// </summary>
internal static class MalformedRequestFilter
{
    public static McpMessageFilter Filter => next => async (context, cancellationToken) =>
    {
        try
        {
            await next(context, cancellationToken);
        }
        catch (JsonException ex) when (context.JsonRpcMessage is JsonRpcRequest request)
        {
            throw new McpProtocolException($"Invalid params for {request.Method}: {ProblemOf(ex)}", McpErrorCode.InvalidParams);
        }
    };

    /// <summary>What a <see cref="JsonException"/> says was wrong, as the refusals on both transports word it.</summary>
    internal static string ProblemOf(JsonException exception)
    {
        var line = exception.Message.Split('\n')[0];
        // System.Text.Json names its internal types and paths; keep the part that says what was wrong.
        var cut = line.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? line[..cut] : line;
    }
}
