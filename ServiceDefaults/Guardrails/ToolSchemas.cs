using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Server;
using SreSuite.ServiceDefaults.Mcp;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>Tightens the input schemas the SDK generates, so what a tool advertises is what it accepts.</summary>
public static class ToolSchemas
{
    /// <summary>
    /// Returns the schema with <c>additionalProperties: false</c>: an argument the tool does not declare is a
    /// mistake the caller should hear about, not something to drop silently.
    /// </summary>
    public static JsonElement Close(JsonElement inputSchema)
    {
        if (JsonNode.Parse(inputSchema.GetRawText()) is not JsonObject schema || schema.ContainsKey("additionalProperties"))
            return inputSchema;
        schema["additionalProperties"] = false;
        return JsonSerializer.SerializeToElement(schema, GuardrailJsonContext.Default.JsonObject);
    }

    /// <summary>
    /// Closes the tool's schema, makes every parameter single-typed (an optional parameter
    /// is one that is not required, never <c>["string","null"]</c>, which single-type dialects such as Gemini's
    /// reject), sets the <c>outputSchema</c> the tool declares with <see cref="StructuredOutputAttribute"/>, and drops what
    /// only costs context: the copy of the title inside the annotations (clients read <c>Tool.title</c>) and a
    /// <c>"default"</c> of null or the empty string. Safe to call repeatedly.
    /// </summary>
    public static void Tighten(McpServerTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var protocolTool = tool.ProtocolTool;
        if (!protocolTool.InputSchema.TryGetProperty("additionalProperties", out _))
            protocolTool.InputSchema = SingleTyped(Close(protocolTool.InputSchema));
        if (protocolTool.Annotations is { } annotations && annotations.Title == protocolTool.Title)
            annotations.Title = null;
        if (protocolTool.OutputSchema is null && tool.Metadata.OfType<StructuredOutputAttribute>().FirstOrDefault() is { } structured)
            protocolTool.OutputSchema = OutputSchema(structured.Schema, protocolTool.Name);
    }

    /// <summary>The output schema a tool declares with <see cref="StructuredOutputAttribute"/>, parsed; one that is not an object schema stops the server at start.</summary>
    public static JsonElement OutputSchema(string schema, string tool)
    {
        ArgumentNullException.ThrowIfNull(schema);
        using var document = JsonDocument.Parse(schema);
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("type", out var type) || type.GetString() != "object")
            throw new InvalidOperationException($"The output schema of {tool} must be a JSON object schema with \"type\":\"object\".");
        return document.RootElement.Clone();
    }

    /// <summary>
    /// The names of the parameters the schema does not require: a client that sends <c>null</c> for one of them
    /// means "not given", which is how the schema's single type lets it say so.
    /// </summary>
    public static IReadOnlySet<string> OptionalParameters(JsonElement inputSchema)
    {
        if (inputSchema.ValueKind != JsonValueKind.Object || !inputSchema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
            return new HashSet<string>();
        var required = inputSchema.TryGetProperty("required", out var names) && names.ValueKind == JsonValueKind.Array
            ? names.EnumerateArray().Where(name => name.ValueKind == JsonValueKind.String).Select(name => name.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
        return properties.EnumerateObject().Select(property => property.Name).Where(name => !required.Contains(name)).ToHashSet(StringComparer.Ordinal);
    }

    private static JsonElement SingleTyped(JsonElement inputSchema)
    {
        if (JsonNode.Parse(inputSchema.GetRawText()) is not JsonObject schema || schema["properties"] is not JsonObject properties)
            return inputSchema;
        foreach (var (_, property) in properties)
        {
            if (property is not JsonObject values)
                continue;
            // One convention for an optional parameter on every server: it is not required, and leaving it out means
            // "not given". A default of null or "" says only that, so it is dropped; a default that means something
            // ("all", 100, false) stays.
            if (values.TryGetPropertyValue("default", out var value) && (value is null || (value is JsonValue text && text.TryGetValue<string>(out var given) && given.Length == 0)))
                values.Remove("default");
            if (values["type"] is JsonArray types)
            {
                var named = types.Select(type => type?.GetValue<string>()).Where(type => type is not null and not "null").ToList();
                if (named.Count == 1)
                    values["type"] = named[0];
            }
        }

        return JsonSerializer.SerializeToElement(schema, GuardrailJsonContext.Default.JsonObject);
    }
}
