using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SreSuite.InfraTools.Kubernetes;

/// <summary>
/// Rewrites every JSON answer of the API server before any tool sees it: drops <c>managedFields</c> and the
/// <c>last-applied-configuration</c> annotation (which can hold a Secret manifest), masks plain env values whose
/// names look like credentials, and refuses any Secret object that somehow arrives.
/// </summary>
public static partial class ResponseScrubber
{
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    public const string RedactedValue = "(redacted: the name looks like a credential)";

    /// <summary>Scrubs <paramref name="node"/> in place. Returns false when it holds a Secret's data.</summary>
    public static bool TryScrub(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (IsSecretObject(obj))
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

    /// <summary>
    /// Copies every token, dropping <c>metadata.managedFields</c> and the last-applied annotation and redacting
    /// credential-like env values on the way. False when a <c>kind</c> of Secret or SecretList appears.
    /// </summary>
    private static bool TryCopyScrubbed(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        // One entry per open object or array: true for an object that is some object's "metadata".
        var metadata = new Stack<bool>();
        var nextObjectIsMetadata = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    metadata.Push(nextObjectIsMetadata);
                    nextObjectIsMetadata = false;
                    writer.WriteStartObject();
                    break;
                case JsonTokenType.StartArray:
                    metadata.Push(false);
                    nextObjectIsMetadata = false;
                    writer.WriteStartArray();
                    break;
                case JsonTokenType.EndObject:
                    metadata.Pop();
                    writer.WriteEndObject();
                    break;
                case JsonTokenType.EndArray:
                    metadata.Pop();
                    writer.WriteEndArray();
                    break;
                case JsonTokenType.PropertyName:
                    var inMetadata = metadata.Peek();
                    if (reader.ValueTextEquals("kind"u8))
                    {
                        WritePropertyName(ref reader, writer);
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.String && (reader.ValueTextEquals("Secret"u8) || reader.ValueTextEquals("SecretList"u8)))
                            return false;
                        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        {
                            if (!TryCopySubtree(ref reader, writer))
                                return false;
                        }
                        else
                        {
                            WriteScalar(ref reader, writer);
                        }
                    }
                    else if (inMetadata && reader.ValueTextEquals("managedFields"u8))
                    {
                        reader.Read();
                        reader.Skip();
                    }
                    else if (inMetadata && reader.ValueTextEquals("annotations"u8))
                    {
                        reader.Read();
                        var annotations = JsonNode.Parse(ref reader);
                        if (annotations is JsonObject map)
                        {
                            map.Remove(LastAppliedAnnotation);
                            if (map.Count == 0)
                                break;
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
                        if (!TryScrub(env))
                            return false;
                        WriteNode(env, writer);
                    }
                    else
                    {
                        nextObjectIsMetadata = reader.ValueTextEquals("metadata"u8);
                        WritePropertyName(ref reader, writer);
                    }

                    break;
                default:
                    nextObjectIsMetadata = false;
                    WriteScalar(ref reader, writer);
                    break;
            }
        }

        return true;
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

    /// <summary>True for an env var name such as <c>DB_PASSWORD</c>, <c>API_KEY</c> or <c>GITHUB_TOKEN</c>.</summary>
    public static bool LooksLikeCredential(string name) => CredentialName().IsMatch(name);

    private static bool IsSecretObject(JsonObject obj) =>
        (obj["kind"] is JsonValue kind && ((string?)kind is "Secret" or "SecretList"))
        && (obj["data"] is not null || obj["stringData"] is not null || obj["items"] is not null);

    private static void ScrubMetadata(JsonObject metadata)
    {
        metadata.Remove("managedFields");
        if (metadata["annotations"] is JsonObject annotations)
        {
            annotations.Remove(LastAppliedAnnotation);
            if (annotations.Count == 0)
                metadata.Remove("annotations");
        }
    }

    private static void RedactEnv(JsonArray env)
    {
        foreach (var variable in env.OfType<JsonObject>())
        {
            if (variable["value"] is JsonValue && variable["name"] is JsonValue name && LooksLikeCredential((string?)name ?? ""))
                variable["value"] = RedactedValue;
        }
    }

    [GeneratedRegex(@"(?i)(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential)", RegexOptions.CultureInvariant)]
    private static partial Regex CredentialName();
}
