using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace SreSuite.ServiceDefaults.Transport;

/// <summary>
/// Finds the method, id and tool name (or resource URI) of a body too large to buffer, fed piece by piece in constant
/// memory, wherever in the body they appear (<c>method</c> after a 2 MiB <c>params</c> included, escapes decoded).
/// Only the audit of the refusal uses it: the body is refused whatever it holds.
/// </summary>
internal sealed class EnvelopeScanner
{
    private const int MaxCapture = 1024;
    private const int TrackedDepth = 3;

    private readonly byte[] _capture = new byte[MaxCapture];
    private readonly bool[] _isObject = new bool[TrackedDepth + 1];
    private readonly string?[] _keys = new string?[TrackedDepth + 1];
    private int _captureLength;
    private bool _captureOverflow;
    private int _depth;
    private bool _inString;
    private bool _escape;
    private bool _expectKey;
    private bool _inIdScalar;
    private bool _topIsArray;
    private string? _method;
    private string? _id;
    private string? _target;

    public long Bytes { get; private set; }

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        Bytes += bytes.Length;
        foreach (var b in bytes)
            Step(b);
    }

    /// <summary>What was found, as the strict reader would report it, refused with <paramref name="problem"/>.</summary>
    public InspectedRequest Result(RequestProblem problem)
    {
        var request = new InspectedRequest(Bytes) { Problem = problem, IsBatch = _topIsArray };
        if (!_topIsArray)
            request.Messages.Add(new JsonRpcEnvelope { Method = _method, IdJson = _id, Target = _target });
        return request;
    }

    private void Step(byte b)
    {
        if (_inString)
        {
            if (_escape)
                _escape = false;
            else if (b == (byte)'\\')
                _escape = true;
            else if (b == (byte)'"')
            {
                _inString = false;
                EndString();
                return;
            }

            Capture(b);
            return;
        }

        switch (b)
        {
            case (byte)'"':
                _inString = true;
                _captureLength = 0;
                _captureOverflow = false;
                return;
            case (byte)'{' or (byte)'[':
                _depth++;
                if (_depth == 1)
                    _topIsArray = b == (byte)'[';
                if (_depth <= TrackedDepth)
                {
                    _isObject[_depth] = b == (byte)'{';
                    _keys[_depth] = null;
                }

                _expectKey = b == (byte)'{';
                _inIdScalar = false;
                return;
            case (byte)'}' or (byte)']':
                EndIdScalar();
                _depth--;
                _expectKey = false;
                return;
            case (byte)':':
                _expectKey = false;
                if (_depth == 1 && _keys[1] == "id" && _id is null)
                {
                    _inIdScalar = true;
                    _captureLength = 0;
                    _captureOverflow = false;
                }

                return;
            case (byte)',':
                EndIdScalar();
                _expectKey = _depth is > 0 and <= TrackedDepth && _isObject[_depth];
                return;
            case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                return;
            default:
                if (_inIdScalar)
                    Capture(b);
                return;
        }
    }

    private void Capture(byte b)
    {
        if (_captureLength < MaxCapture)
            _capture[_captureLength++] = b;
        else
            _captureOverflow = true;
    }

    private void EndIdScalar()
    {
        if (!_inIdScalar)
            return;
        _inIdScalar = false;
        if (!_captureOverflow && _captureLength > 0 && _capture.AsSpan(0, _captureLength).IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0)
            _id = Encoding.ASCII.GetString(_capture, 0, _captureLength);
    }

    private void EndString()
    {
        _inIdScalar = false;
        if (_depth is < 1 or > TrackedDepth || !_isObject[_depth])
            return;
        var text = _captureOverflow ? null : Decode(_capture.AsSpan(0, _captureLength));
        if (_expectKey)
        {
            _keys[_depth] = text;
            return;
        }

        if (_depth == 1)
        {
            if (_keys[1] == "method" && text is not null && _method is not (JsonRpcEnvelope.ToolsCall or JsonRpcEnvelope.ResourcesRead))
                _method = text;
            else if (_keys[1] == "id" && text is not null)
                _id ??= JsonSerializer.Serialize(text, Guardrails.GuardrailJsonContext.Default.String);
        }
        else if (_depth == 2 && _keys[1] == "params" && _keys[2] is "name" or "uri")
        {
            _target ??= text ?? Encoding.UTF8.GetString(_capture, 0, _captureLength) + "…";
        }
    }

    /// <summary>The JSON string's text, or null when it is not valid UTF-8 or holds a lone surrogate.</summary>
    private static string? Decode(ReadOnlySpan<byte> raw)
    {
        var escaped = raw.IndexOf((byte)'\\') >= 0;
        if (escaped ? StrictJsonRpcReader.EscapedStringProblem(raw) is not null : !Utf8.IsValid(raw))
            return null;
        if (!escaped)
            return Encoding.UTF8.GetString(raw);
        var quoted = new byte[raw.Length + 2];
        quoted[0] = quoted[^1] = (byte)'"';
        raw.CopyTo(quoted.AsSpan(1));
        try
        {
            var reader = new Utf8JsonReader(quoted);
            return reader.Read() ? reader.GetString() : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
