using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Kubernetes;

/// <summary>
/// Rewrites every JSON answer of the API server before any tool sees it: drops <c>managedFields</c> and the
/// <c>last-applied-configuration</c> annotation (which can hold a Secret manifest), masks plain env values whose
/// names look like credentials, and refuses any Secret object that somehow arrives.
/// </summary>
public static class ResponseScrubber
{
    public const string RedactedValue = "(redacted: the name looks like a credential)";

    /// <summary>Scrubs <paramref name="node"/> in place. Returns false when it holds a Secret's data.</summary>
    public static bool TryScrub(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (IsSecretShaped(obj, isRoot: obj.Parent is null))
                    return false;
                if (obj["metadata"] is JsonObject metadata)
                    ScrubMetadata(metadata);
                if (obj["env"] is JsonArray env)
                    RedactEnv(env);
                foreach (var (_, child) in obj.ToList())
                {
                    if (!TryScrub(child))
                        return false;
                }

                return true;
            case JsonArray array:
                return array.All(TryScrub);
            default:
                return true;
        }
    }

    /// <summary>
    /// Scrubs a whole JSON answer, as <see cref="TryScrub"/> does, in one streaming pass: a 60-pod list is half a
    /// megabyte, and building a DOM of it for every call was most of what the pipeline cost. Returns null when it
    /// holds a Secret's data; throws <see cref="JsonException"/> when it is not JSON.
    /// </summary>
    public static byte[]? Scrub(ReadOnlySpan<byte> utf8)
    {
        var output = new ArrayBufferWriter<byte>(utf8.Length);
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true }))
        {
            var reader = new Utf8JsonReader(utf8);
            try
            {
                if (!TryCopyScrubbed(ref reader, writer))
                    return ScrubWhole(utf8);
            }
            catch (ArgumentException ex)
            {
                // Utf8JsonWriter refuses a string that is not valid UTF-8.
                throw new JsonException(ex.Message, ex);
            }
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The DOM path, for an answer that names a Secret kind anywhere: only the whole object tells whether it carries
    /// data (a list of Secrets) or merely refers to one (an event about a Secret).
    /// </summary>
    private static byte[]? ScrubWhole(ReadOnlySpan<byte> utf8)
    {
        // Refused outright: with two "kind"s, which one a reader believes is up to the reader.
        var node = JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        if (!TryScrub(node))
            return null;
        var output = new ArrayBufferWriter<byte>(utf8.Length);
        using (var writer = new Utf8JsonWriter(output))
            WriteNode(node, writer);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>What the streaming pass knows about one open object or array.</summary>
    private struct Frame
    {
        public bool IsMetadata;
        public bool IsObject;
        public bool HasKind;
        public bool KindIsSecret;
        public bool HasData;
        public bool HasStringData;
        public bool HasSecretType;
    }

    /// <summary>
    /// Copies every token, dropping <c>metadata.managedFields</c> and the last-applied annotation and redacting
    /// credential-like env values on the way. False when an object may be a Secret (by kind in any spelling, or by
    /// its fields, <see cref="IsSecretShaped"/>): the whole-document pass then decides.
    /// </summary>
    private static bool TryCopyScrubbed(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        var frames = new Stack<Frame>();
        var nextObjectIsMetadata = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    frames.Push(new Frame { IsMetadata = nextObjectIsMetadata, IsObject = true });
                    nextObjectIsMetadata = false;
                    writer.WriteStartObject();
                    break;
                case JsonTokenType.StartArray:
                    frames.Push(default);
                    nextObjectIsMetadata = false;
                    writer.WriteStartArray();
                    break;
                case JsonTokenType.EndObject:
                    var closed = frames.Pop();
                    if (closed.KindIsSecret || closed.HasStringData || (closed.HasData && (closed.HasSecretType || (!closed.HasKind && frames.Count == 0))))
                        return false;
                    writer.WriteEndObject();
                    break;
                case JsonTokenType.EndArray:
                    frames.Pop();
                    writer.WriteEndArray();
                    break;
                case JsonTokenType.PropertyName:
                    var frame = frames.Pop();
                    CopyProperty(ref reader, writer, ref frame, ref nextObjectIsMetadata, out var secret);
                    frames.Push(frame);
                    if (secret)
                        return false;
                    break;
                default:
                    nextObjectIsMetadata = false;
                    WriteScalar(ref reader, writer);
                    break;
            }
        }

        return true;
    }

    private static void CopyProperty(ref Utf8JsonReader reader, Utf8JsonWriter writer, ref Frame frame, ref bool nextObjectIsMetadata, out bool secret)
    {
        secret = false;
        if (reader.ValueTextEquals("kind"u8))
        {
            frame.HasKind = true;
            frame.KindIsSecret |= CopyMarker(ref reader, writer, IsSecretKind, out secret);
        }
        else if (frame.IsMetadata && reader.ValueTextEquals("managedFields"u8))
        {
            reader.Read();
            reader.Skip();
        }
        else if (frame.IsMetadata && reader.ValueTextEquals("annotations"u8))
        {
            reader.Read();
            var annotations = JsonNode.Parse(ref reader);
            if (annotations is JsonObject map)
            {
                RemoveLastApplied(map);
                if (map.Count == 0)
                    return;
            }

            writer.WritePropertyName("annotations"u8);
            WriteNode(annotations, writer);
        }
        else if (reader.ValueTextEquals("env"u8))
        {
            writer.WritePropertyName("env"u8);
            reader.Read();
            var env = JsonNode.Parse(ref reader);
            if (env is JsonArray variables)
                RedactEnv(variables);
            secret = !TryScrub(env);
            WriteNode(env, writer);
        }
        else
        {
            frame.HasData |= reader.ValueTextEquals("data"u8);
            frame.HasStringData |= reader.ValueTextEquals("stringData"u8);
            nextObjectIsMetadata = reader.ValueTextEquals("metadata"u8);
            if (frame.IsObject && reader.ValueTextEquals("type"u8))
            {
                frame.HasSecretType |= CopyMarker(ref reader, writer, IsSecretType, out secret);
                return;
            }

            WritePropertyName(ref reader, writer);
        }
    }

    /// <summary>
    /// Copies a "kind" or "type" property and says whether its value marks a Secret. A repeated key can only add the mark
    /// (|= at the caller), never clear it; a non-string value (never from Kubernetes, but JSON allows it) is copied by the
    /// same rules, and <paramref name="secret"/> says it could not be copied safely.
    /// </summary>
    private static bool CopyMarker(ref Utf8JsonReader reader, Utf8JsonWriter writer, Func<string?, bool> marksSecret, out bool secret)
    {
        secret = false;
        WritePropertyName(ref reader, writer);
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            var marked = marksSecret(reader.GetString());
            WriteScalar(ref reader, writer);
            return marked;
        }

        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            secret = !TryCopySubtree(ref reader, writer);
        else
            WriteScalar(ref reader, writer);
        return false;
    }

    /// <summary>An object or array under "kind" (never seen from Kubernetes, but JSON allows it), copied by the same rules.</summary>
    private static bool TryCopySubtree(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        var node = JsonNode.Parse(ref reader);
        if (!TryScrub(node))
            return false;
        WriteNode(node, writer);
        return true;
    }

    private static void WriteNode(JsonNode? node, Utf8JsonWriter writer)
    {
        if (node is null)
            writer.WriteNullValue();
        else
            node.WriteTo(writer);
    }

    private static void WritePropertyName(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        if (reader.ValueIsEscaped)
            writer.WritePropertyName(reader.GetString()!);
        else
            writer.WritePropertyName(reader.ValueSpan);
    }

    private static void WriteScalar(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String when reader.ValueIsEscaped:
                writer.WriteStringValue(reader.GetString());
                break;
            case JsonTokenType.String:
                writer.WriteStringValue(reader.ValueSpan);
                break;
            case JsonTokenType.Number:
                writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                break;
            case JsonTokenType.True or JsonTokenType.False:
                writer.WriteBooleanValue(reader.TokenType == JsonTokenType.True);
                break;
            case JsonTokenType.Null:
                writer.WriteNullValue();
                break;
            default:
                throw new JsonException($"unexpected JSON token {reader.TokenType}");
        }
    }

    /// <summary>
    /// A Secret however it is dressed: a <c>kind</c> naming Secret or SecretList in any case or with a group prefix
    /// and data or items; or, without a believable kind, the fields only a Secret has — <c>stringData</c>, or
    /// <c>data</c> with a Secret <c>type</c> (<c>Opaque</c>, <c>kubernetes.io/…</c>); or a whole answer that is
    /// nothing but <c>data</c> with no kind at all.
    /// </summary>
    public static bool IsSecretShaped(JsonObject obj, bool isRoot)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var hasData = obj["data"] is not null;
        if (obj["kind"] is JsonValue kind && kind.GetValueKind() == JsonValueKind.String && IsSecretKind((string?)kind))
            return hasData || obj["stringData"] is not null || obj["items"] is not null;
        if (obj.ContainsKey("stringData"))
            return true;
        if (hasData && obj["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String && IsSecretType((string?)type))
            return true;
        return isRoot && hasData && !obj.ContainsKey("kind");
    }

    /// <summary><c>Secret</c>, <c>secret</c>, <c>SECRETS</c>, <c>v1/Secret</c>, <c>SecretList</c>, <c> secretlist </c>.</summary>
    private static bool IsSecretKind(string? kind)
    {
        if (string.IsNullOrWhiteSpace(kind))
            return false;
        var name = kind.Trim();
        name = name[(name.LastIndexOf('/') + 1)..];
        if (name.EndsWith("list", StringComparison.OrdinalIgnoreCase))
            name = name[..^4];
        return KubernetesAccessPolicy.IsSecret(name);
    }

    /// <summary>Secret types: <c>Opaque</c> and the namespaced ones (<c>kubernetes.io/tls</c>, <c>helm.sh/release.v1</c>).</summary>
    private static bool IsSecretType(string? type) =>
        type is not null && (type.Trim().Equals("Opaque", StringComparison.OrdinalIgnoreCase) || type.Contains('/', StringComparison.Ordinal));

    private static void ScrubMetadata(JsonObject metadata)
    {
        metadata.Remove("managedFields");
        if (metadata["annotations"] is JsonObject annotations)
        {
            RemoveLastApplied(annotations);
            if (annotations.Count == 0)
                metadata.Remove("annotations");
        }
    }

    /// <summary>The last-applied annotation under any spelling a hostile server might use.</summary>
    private static void RemoveLastApplied(JsonObject annotations)
    {
        foreach (var key in annotations.Select(pair => pair.Key).Where(key => key.Contains("last-applied", StringComparison.OrdinalIgnoreCase)).ToList())
            annotations.Remove(key);
    }

    private static void RedactEnv(JsonArray env)
    {
        foreach (var variable in env.OfType<JsonObject>())
        {
            if (variable["value"] is JsonValue && variable["name"] is JsonValue name && CredentialNames.LooksLikeCredential((string?)name))
                variable["value"] = RedactedValue;
        }
    }

}
