using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>Tool arguments as the audit keeps them: secrets redacted, long values cut.</summary>
internal static class AuditArguments
{
    private const int MaxArgumentChars = 256;

    /// <summary>Arguments with secret-looking names and known secret values redacted, long values cut.</summary>
    public static JsonObject? Redact(JsonNode? arguments, SecretScrubber scrubber)
    {
        if (arguments is not JsonObject values)
            return arguments is null ? null : new JsonObject { ["(not an object)"] = Cut(arguments.ToJsonString(), scrubber) };
        var redacted = new JsonObject();
        foreach (var (name, value) in values)
        {
            var key = name.Length > 64 ? name[..64] + "…" : name;
            redacted[key] = SecretScrubber.IsSecretName(name)
                ? SecretScrubber.Redacted
                : value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String
                    ? Cut(scalar.GetValue<string>(), scrubber)
                    : value is null ? null : Cut(value.ToJsonString(), scrubber, keepJson: true);
        }

        return redacted;
    }

    private static JsonNode Cut(string text, SecretScrubber scrubber, bool keepJson = false)
    {
        var clean = scrubber.Scrub(text);
        if (clean.Length <= MaxArgumentChars)
            return keepJson ? JsonNode.Parse(clean) ?? JsonValue.Create(clean) : JsonValue.Create(clean);
        return JsonValue.Create(string.Create(CultureInfo.InvariantCulture, $"{clean[..MaxArgumentChars]}… ({clean.Length} chars)"));
    }
}
