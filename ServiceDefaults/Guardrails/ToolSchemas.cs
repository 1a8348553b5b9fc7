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

    /// <summary>Closes the schema of every tool in the collection; safe to call repeatedly.</summary>
    public static void CloseAll(IEnumerable<McpServerTool>? tools)
    {
        foreach (var tool in tools ?? [])
        {
            if (!tool.ProtocolTool.InputSchema.TryGetProperty("additionalProperties", out _))
                tool.ProtocolTool.InputSchema = Close(tool.ProtocolTool.InputSchema);
        }
    }
}
