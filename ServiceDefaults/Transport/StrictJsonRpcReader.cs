using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace SreSuite.ServiceDefaults.Transport;

/// <summary>
/// One request body (an HTTP POST to <c>/mcp</c> or one stdio line) as the strict reader saw it: the messages it
/// holds (one, or several for a batch) and the first problem found, if any.
/// </summary>
public sealed class InspectedRequest
{
    internal InspectedRequest(long length) => Length = length;

    /// <summary>Bytes of the body (read so far, for a body refused as too large).</summary>
    public long Length { get; internal set; }

    public bool IsBatch { get; internal set; }

    public List<JsonRpcEnvelope> Messages { get; } = [];

    /// <summary>The first reason to refuse the request; null when it may go on to the MCP SDK.</summary>
    public RequestProblem? Problem { get; internal set; }

    /// <summary>The id to answer a refusal with: the message's own when there is exactly one and it was readable.</summary>
    public string? ReplyIdJson => !IsBatch && Messages.Count == 1 ? Messages[0].IdJson : null;

    /// <summary>The messages the audit must record (<c>tools/call</c>, <c>resources/read</c>).</summary>
    public IEnumerable<JsonRpcEnvelope> Audited => Messages.Where(message => message.IsAudited);

    /// <summary>Set once the <c>unreadable</c> record of this refused request is written.</summary>
    public bool UnreadableAuditWritten { get; set; }

    /// <summary>True when a refused request cannot be told apart from a tool call: no message's method could be read.</summary>
    public bool IsUnreadable => Messages.Count == 0 || Messages.All(message => message.Method is null);
}

/// <summary>
/// The strict JSON-RPC reader every request passes before the audit and the MCP SDK, over HTTP and stdio: one
/// <see cref="Utf8JsonReader"/> pass over the buffered body, no copy. It refuses duplicate keys at any depth,
/// invalid UTF-8, lone surrogates (raw or escaped as <c>\ud800</c>), params that are not an object and a
/// malformed <c>tools/call</c>, naming the problem; and it reads the method, id, tool name or resource URI even of
/// a request it refuses, so that request can still be audited.
/// </summary>
public static class StrictJsonRpcReader
{
    /// <summary>Deepest nesting accepted; the MCP SDK's own limit.</summary>
    public const int MaxDepth = 64;

    private const int MaxNameChars = 256;

    public static InspectedRequest Inspect(ReadOnlyMemory<byte> body)
    {
        var span = body.Span;
        var request = new InspectedRequest(span.Length);
        if (span.Trim(" \t\r\n"u8).IsEmpty)
        {
            request.Problem = new(RequestProblem.InvalidRequest, "Invalid Request: the body is empty; send one JSON-RPC message as a JSON object.");
            return request;
        }

        var reader = new Utf8JsonReader(span, new JsonReaderOptions { MaxDepth = MaxDepth });
        var scope = new Scope();
        try
        {
            reader.Read();

            var messageDepth = reader.TokenType switch
            {
                JsonTokenType.StartObject => 0,
                JsonTokenType.StartArray => 1,
                _ => -1,
            };
            if (messageDepth < 0)
            {
                request.Problem = new(RequestProblem.InvalidRequest, $"Invalid Request: a JSON-RPC message must be an object, got {Kind(reader.TokenType)}.");
                return request;
            }

            if (messageDepth == 1)
            {
                request.IsBatch = true;
                request.Problem = new(RequestProblem.InvalidRequest, "Invalid Request: JSON-RPC batches are not supported (MCP 2025-06-18 removed them); send one message per request.");
            }

            scope.Open(reader.TokenType, 0);
            if (messageDepth == 0)
                request.Messages.Add(new JsonRpcEnvelope());
            while (reader.Read())
                Visit(ref reader, body, request, scope, messageDepth);
        }
        catch (JsonException ex)
        {
            var problem = ex.Message.Contains("maximum configured depth", StringComparison.Ordinal)
                ? $"Parse error: the request nests deeper than {MaxDepth} levels."
                : $"Parse error: the request is not valid JSON ({FirstSentence(ex.Message)}).";
            request.Problem = new(RequestProblem.ParseError, problem);
        }

        foreach (var message in request.Messages)
        {
            if (ShapeProblem(message) is { } shape)
                request.Problem ??= shape;
        }

        return request;
    }

    private static void Visit(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, InspectedRequest request, Scope scope, int messageDepth)
    {
        var depth = reader.CurrentDepth;
        var message = request.Messages.Count > 0 ? request.Messages[^1] : null;
        switch (reader.TokenType)
        {
            case JsonTokenType.PropertyName:
            {
                var name = ReadString(ref reader, scope, depth, request, isName: true, out _);
                if (!scope.AddKey(depth, name))
                    Flag(request, scope, depth - 1, $"duplicate key '{Shorten(name)}'{scope.Where(depth - 1)}; each key may appear once (compared ignoring case)");
                scope.Names[depth] = name;
                return;
            }

            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                if (depth == messageDepth && messageDepth == 1)
                {
                    if (reader.TokenType == JsonTokenType.StartObject)
                        request.Messages.Add(new JsonRpcEnvelope());
                }
                else
                {
                    Value(ref reader, body, request, scope, messageDepth, message);
                }

                scope.Open(reader.TokenType, depth);
                return;

            case JsonTokenType.EndObject or JsonTokenType.EndArray:
                if (message is not null && message.ArgumentsDepth == depth && message.ArgumentsStart >= 0)
                {
                    message.ArgumentsJson = body[message.ArgumentsStart..(int)reader.BytesConsumed];
                    message.ArgumentsDepth = -1;
                }

                return;

            default:
                Value(ref reader, body, request, scope, messageDepth, message);
                return;
        }
    }

    /// <summary>A value token (or the start of an object or array value): checks strings, and notes the parts the audit needs.</summary>
    private static void Value(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, InspectedRequest request, Scope scope, int messageDepth, JsonRpcEnvelope? message)
    {
        var depth = reader.CurrentDepth;
        string? text = null;
        var valid = true;
        if (reader.TokenType == JsonTokenType.String)
            text = ReadString(ref reader, scope, depth, request, isName: false, out valid);
        if (message is null || !scope.InObject(depth))
            return;

        var property = scope.Names[depth];
        if (depth == messageDepth + 1)
        {
            switch (property)
            {
                case "method" when text is not null && valid:
                    // With a duplicated method (refused anyway) the audit keeps the one it must record.
                    if (message.Method is null || !message.IsAudited)
                        message.Method = text;
                    break;
                case "id":
                    message.IdKind ??= Kind(reader.TokenType);
                    message.IdJson ??= !valid ? null : reader.TokenType is JsonTokenType.String or JsonTokenType.Number
                        ? Encoding.UTF8.GetString(body.Span[(int)reader.TokenStartIndex..(int)reader.BytesConsumed])
                        : null;
                    break;
                case "params":
                    message.ParamsKind ??= Kind(reader.TokenType);
                    break;
            }
        }
        else if (depth == messageDepth + 2 && scope.Names[depth - 1] == "params" && scope.InObject(depth - 1))
        {
            switch (property)
            {
                case "name" or "uri":
                    message.NameKind ??= Kind(reader.TokenType);
                    message.Target ??= text is null ? null : Shorten(text);
                    break;
                case "arguments":
                    message.ArgumentsKind ??= Kind(reader.TokenType);
                    if (message.ArgumentsStart < 0)
                    {
                        message.ArgumentsStart = (int)reader.TokenStartIndex;
                        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                            message.ArgumentsDepth = depth;
                        else
                            message.ArgumentsJson = body[message.ArgumentsStart..(int)reader.BytesConsumed];
                    }

                    break;
            }
        }
    }

    private static RequestProblem? ShapeProblem(JsonRpcEnvelope message)
    {
        if (message.IdKind is not null and not "a string" and not "a number")
            return new(RequestProblem.InvalidRequest, $"Invalid Request: id must be a string or a number, got {message.IdKind}.");
        // A tools/call without an id would be a notification: the SDK would drop it unanswered and unaudited.
        if (message.IsAudited && message.IdKind is null)
            return new(RequestProblem.InvalidRequest, $"Invalid Request: {message.Method} is a request and needs an id.");
        if (message.ParamsKind is not null and not "an object")
            return new(RequestProblem.InvalidParams, $"Invalid params: params must be an object, got {message.ParamsKind}.");
        if (message.Method == JsonRpcEnvelope.ToolsCall)
        {
            if (message.ParamsKind is null)
                return new(RequestProblem.InvalidParams, "Invalid params for tools/call: params are required ({\"name\": \"<tool>\", \"arguments\": {…}}).");
            if (message.NameKind != "a string")
                return new(RequestProblem.InvalidParams, $"Invalid params for tools/call: name must be the tool's name as a string, got {message.NameKind ?? "nothing"}.");
            if (message.ArgumentsKind is not null and not "an object" and not "null")
                return new(RequestProblem.InvalidParams, $"Invalid params for tools/call: arguments must be an object of named arguments, got {message.ArgumentsKind}.");
        }
        else if (message.Method == JsonRpcEnvelope.ResourcesRead && message.NameKind != "a string")
        {
            return new(RequestProblem.InvalidParams, $"Invalid params for resources/read: uri must be a string, got {message.NameKind ?? "nothing"}.");
        }

        return null;
    }

    /// <summary>
    /// Reads a string token after checking it is valid UTF-8 without lone surrogates, raw or escaped. An invalid one
    /// is flagged and returned as written (escapes kept, bad bytes replaced), so the audit can still show it.
    /// </summary>
    private static string ReadString(ref Utf8JsonReader reader, Scope scope, int depth, InspectedRequest request, bool isName, out bool valid)
    {
        var raw = reader.ValueSpan;
        var problem = reader.ValueIsEscaped ? EscapedStringProblem(raw) : Utf8.IsValid(raw) ? null : "invalid UTF-8";
        valid = problem is null;
        if (valid)
            return reader.GetString()!;
        var pathDepth = isName ? depth - 1 : depth;
        Flag(request, scope, pathDepth, $"{(isName ? "a key" : "a string")}{scope.Where(pathDepth)} contains {problem}");
        return Encoding.UTF8.GetString(raw);
    }

    /// <summary>Invalid UTF-8 between escapes, or a <c>\uD800</c>-<c>\uDFFF</c> escape that is not a proper pair.</summary>
    internal static string? EscapedStringProblem(ReadOnlySpan<byte> raw)
    {
        var i = 0;
        while (i < raw.Length)
        {
            var next = raw[i..].IndexOf((byte)'\\');
            var plain = next < 0 ? raw[i..] : raw.Slice(i, next);
            if (!Utf8.IsValid(plain))
                return "invalid UTF-8";
            if (next < 0)
                return null;
            i += next;
            if (i + 1 >= raw.Length)
                return null;
            if (raw[i + 1] != (byte)'u')
            {
                i += 2;
                continue;
            }

            var unit = Hex(raw, i + 2);
            i += 6;
            if (unit is >= 0xDC00 and <= 0xDFFF)
                return $"a lone surrogate (\\u{unit:x4})";
            if (unit is >= 0xD800 and <= 0xDBFF)
            {
                var low = i + 5 < raw.Length && raw[i] == (byte)'\\' && raw[i + 1] == (byte)'u' ? Hex(raw, i + 2) : -1;
                if (low is < 0xDC00 or > 0xDFFF)
                    return $"a lone surrogate (\\u{unit:x4})";
                i += 6;
            }
        }

        return null;
    }

    private static int Hex(ReadOnlySpan<byte> raw, int at) =>
        at + 4 <= raw.Length && int.TryParse(Encoding.ASCII.GetString(raw.Slice(at, 4)), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) ? value : -1;

    /// <summary>Keeps the first problem: -32602 when it lies inside params, -32600 otherwise.</summary>
    private static void Flag(InspectedRequest request, Scope scope, int pathDepth, string problem)
    {
        if (request.Problem is not null)
            return;
        var inParams = scope.PathIncludes("params", pathDepth);
        request.Problem = inParams
            ? new(RequestProblem.InvalidParams, $"Invalid params: {problem}.")
            : new(RequestProblem.InvalidRequest, $"Invalid Request: {problem}.");
    }

    private static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        _ => "null",
    };

    private static string Shorten(string text) => text.Length <= MaxNameChars ? text : text[..MaxNameChars] + "…";

    private static string FirstSentence(string message)
    {
        var line = message.Split('\n')[0];
        var cut = line.IndexOf(" Path:", StringComparison.Ordinal);
        line = cut > 0 ? line[..cut] : line;
        return line.TrimEnd('.');
    }

    /// <summary>The keys seen in each open object, and the key path to the current token, by depth.</summary>
    private sealed class Scope
    {
        private readonly List<HashSet<string>?> _keys = [];
        private readonly List<bool> _isObject = [];

        public string?[] Names { get; } = new string?[MaxDepth + 2];

        /// <summary>Opens the container whose start token is at <paramref name="depth"/>; its members are one deeper.</summary>
        public void Open(JsonTokenType token, int depth)
        {
            var member = depth + 1;
            while (_keys.Count <= member)
            {
                _keys.Add(null);
                _isObject.Add(false);
            }

            _isObject[member] = token == JsonTokenType.StartObject;
            _keys[member]?.Clear();
            if (member < Names.Length)
                Names[member] = null;
        }

        public bool InObject(int depth) => depth < _isObject.Count && _isObject[depth];

        /// <summary>False when the object being read already had this key.</summary>
        public bool AddKey(int depth, string name) => (_keys[depth] ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase)).Add(name);

        public bool PathIncludes(string name, int pathDepth)
        {
            for (var depth = 1; depth <= pathDepth && depth < _isObject.Count; depth++)
            {
                if (_isObject[depth] && Names[depth] == name)
                    return true;
            }

            return false;
        }

        /// <summary>" in params.arguments": the keys leading to <paramref name="pathDepth"/>, that level included.</summary>
        public string Where(int pathDepth)
        {
            var parts = new List<string>();
            for (var level = 1; level <= pathDepth && level < _isObject.Count; level++)
            {
                if (_isObject[level] && Names[level] is { } name)
                    parts.Add(name);
            }

            return parts.Count == 0 ? string.Empty : $" in {string.Join('.', parts)}";
        }
    }
}
