using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// Tool arguments as the audit keeps them: secrets redacted, long values cut. Never throws: arguments the audit
/// cannot read (a refused request's duplicate keys, broken strings) are recorded as unreadable, and the record is still written.
/// </summary>
internal static class AuditArguments
{
    private const int MaxArgumentChars = 256;

    /// <summary>Arguments as written in the request (the strict reader's slice of the body).</summary>
    public static JsonObject? Redact(ReadOnlyMemory<byte> argumentsJson, SecretScrubber scrubber)
    {
        if (argumentsJson.IsEmpty)
            return null;
        try
        {
            using var document = JsonDocument.Parse(argumentsJson, new JsonDocumentOptions { MaxDepth = 256 });
            return Redact(document.RootElement, scrubber);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            return Unreadable(argumentsJson.Length);
        }
    }

    /// <summary>Arguments as the MCP SDK parsed them.</summary>
    public static JsonObject? Redact(JsonNode? arguments, SecretScrubber scrubber)
    {
        if (arguments is null)
            return null;
        try
        {
            return Redact(JsonSerializer.SerializeToElement(arguments, GuardrailJsonContext.Default.JsonNode), scrubber);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            return Unreadable(null);
        }
    }

    private static JsonObject Redact(JsonElement arguments, SecretScrubber scrubber)
    {
        if (arguments.ValueKind != JsonValueKind.Object)
            return new JsonObject { ["(not an object)"] = Cut(arguments.GetRawText(), scrubber) };
        var redacted = new JsonObject();
        foreach (var property in arguments.EnumerateObject())
        {
            var name = property.Name;
            var key = name.Length > 64 ? name[..64] + "…" : name;
            // The indexer replaces: a duplicated key (refused anyway) is recorded once, never an exception.
            redacted[key] = CredentialNames.LooksLikeCredential(name)
                ? SecretScrubber.Redacted
                : property.Value.ValueKind == JsonValueKind.String
                    ? Cut(property.Value.GetString() ?? string.Empty, scrubber)
                    : Cut(property.Value.GetRawText(), scrubber, keepJson: true);
        }

        return redacted;
    }

    private static JsonObject Unreadable(int? bytes) =>
        new() { ["(unreadable)"] = bytes is null ? "arguments the audit could not read" : $"{bytes} bytes the audit could not read" };

    private static JsonNode Cut(string text, SecretScrubber scrubber, bool keepJson = false)
    {
        var clean = scrubber.Scrub(text);
        if (clean.Length <= MaxArgumentChars)
        {
            if (!keepJson)
                return JsonValue.Create(clean);
            try
            {
                return JsonNode.Parse(clean) ?? JsonValue.Create(clean);
            }
            catch (JsonException)
            {
                return JsonValue.Create(clean);
            }
        }

        return JsonValue.Create(string.Create(CultureInfo.InvariantCulture, $"{clean[..MaxArgumentChars]}… ({clean.Length} chars)"));
    }
}
