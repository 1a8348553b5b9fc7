using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SreSuite.ServiceDefaults.Guardrails;

[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(string))]
internal sealed partial class GuardrailJsonContext : JsonSerializerContext;
