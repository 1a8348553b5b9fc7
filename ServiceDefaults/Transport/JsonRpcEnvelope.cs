using System.Text.Json;

namespace SreSuite.ServiceDefaults.Transport;

/// <summary>A request the strict reader refuses: the JSON-RPC error code and a message naming what was wrong.</summary>
public sealed record RequestProblem(int Code, string Message)
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int InvalidParams = -32602;

    /// <summary>
    /// Writes the JSON-RPC error response that refuses the request, over HTTP or stdio: this code and message, and the
    /// request's id as it was written (the strict reader keeps only a number or a valid string), or a null id.
    /// </summary>
    public void WriteResponse(Utf8JsonWriter writer, string? idJson)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WriteStartObject("error");
        writer.WriteNumber("code", Code);
        writer.WriteString("message", Message);
        writer.WriteEndObject();
        if (idJson is null)
        {
            writer.WriteNull("id");
        }
        else
        {
            writer.WritePropertyName("id");
            writer.WriteRawValue(idJson);
        }

        writer.WriteEndObject();
    }
}

/// <summary>
/// What the strict reader learned of one JSON-RPC message: enough to audit it however it is refused, read before
/// anything else (the MCP SDK, the audit, a guard) looks at the body.
/// </summary>
public sealed class JsonRpcEnvelope
{
    public const string ToolsCall = "tools/call";
    public const string ResourcesRead = "resources/read";

    /// <summary>The method, unescaped (<c>tools\u002fcall</c> is <c>tools/call</c>); null when it could not be read.</summary>
    public string? Method { get; internal set; }

    /// <summary>The id as it was written (a number, or a string with its quotes); null when absent or unreadable.</summary>
    public string? IdJson { get; internal set; }

    /// <summary>The tool name of a <c>tools/call</c>, or the URI of a <c>resources/read</c>, as far as it could be read.</summary>
    public string? Target { get; internal set; }

    /// <summary>The arguments of a <c>tools/call</c> as written; empty when absent or not readable.</summary>
    public ReadOnlyMemory<byte> ArgumentsJson { get; internal set; }

    /// <summary>True for the methods the audit records: <c>tools/call</c> and <c>resources/read</c>.</summary>
    public bool IsAudited => Method is ToolsCall or ResourcesRead;

    /// <summary>Set by whichever component wrote this message's audit record, so it is written exactly once.</summary>
    public bool AuditWritten { get; set; }

    internal int ArgumentsStart { get; set; } = -1;

    internal int ArgumentsDepth { get; set; } = -1;

    internal string? IdKind { get; set; }

    internal string? ParamsKind { get; set; }

    internal string? NameKind { get; set; }

    internal string? ArgumentsKind { get; set; }
}
