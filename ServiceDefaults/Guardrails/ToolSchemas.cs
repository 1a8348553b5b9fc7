using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Server;

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
    /// Closes the schema of every tool in the collection and drops what only costs context: the copy of the
    /// title inside the annotations (clients read <c>Tool.title</c>) and <c>"default": null</c>. Safe to call repeatedly.
    /// </summary>
    public static void CloseAll(IEnumerable<McpServerTool>? tools)
    {
        foreach (var tool in tools ?? [])
        {
            var protocolTool = tool.ProtocolTool;
            if (!protocolTool.InputSchema.TryGetProperty("additionalProperties", out _))
                protocolTool.InputSchema = WithoutNullDefaults(Close(protocolTool.InputSchema));
            if (protocolTool.Annotations is { } annotations && annotations.Title == protocolTool.Title)
                annotations.Title = null;
        }
    }

    private static JsonElement WithoutNullDefaults(JsonElement inputSchema)
    {
        if (JsonNode.Parse(inputSchema.GetRawText()) is not JsonObject schema || schema["properties"] is not JsonObject properties)
            return inputSchema;
        foreach (var (_, property) in properties)
        {
            if (property is JsonObject values && values.TryGetPropertyValue("default", out var value) && value is null)
                values.Remove("default");
        }

        return JsonSerializer.SerializeToElement(schema, GuardrailJsonContext.Default.JsonObject);
    }
}
