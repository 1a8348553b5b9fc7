using System.Text.Json;
using System.Text.Json.Nodes;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>The shape every <c>tools/call</c> request must have before anything else looks at it.</summary>
public static class ToolCallEnvelope
{
    /// <summary>What is wrong with the params of a <c>tools/call</c>, or null when their shape is right.</summary>
    public static string? Problem(JsonNode? parameters)
    {
        if (parameters is not JsonObject values)
            return parameters is null ? "params are required ({\"name\": \"<tool>\", \"arguments\": {…}})" : $"params must be an object, got {Kind(parameters)}";
        if (values["name"] is not JsonValue name || name.GetValueKind() != JsonValueKind.String)
            return $"name must be the tool's name as a string, got {Kind(values["name"])}";
        if (values["arguments"] is { } arguments && arguments is not JsonObject)
            return $"arguments must be an object of named arguments, got {Kind(arguments)}";
        return null;
    }

    private static string Kind(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

}
