using System.Text.Json.Nodes;

namespace SreSuite.ServiceDefaults.Mcp;

/// <summary>
/// Declares the <c>outputSchema</c> of a tool whose answer carries <c>structuredContent</c> beside its text: an
/// object schema naming the top-level fields, <c>{"type":"object","properties":{"pods":{},"continue":{}}}</c>. The
/// fields are named, not typed, and <c>omitted</c> (the per-list count of rows left out, which the schema's open
/// object allows) is not declared: every byte of the schema is in <c>tools/list</c>, which must stay within 8,000
/// bytes per server with every write tool enabled, and typed schemas put InfraTools and ObservabilityTools past it.
/// The fields, their types and the rows' fields are documented in docs/structured-output.md. The tool returns a
/// <see cref="SreSuite.ServiceDefaults.Guardrails.StructuredAnswer"/> result that agrees with it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class StructuredOutputAttribute(params string[] fields) : Attribute
{
    /// <summary>The top-level fields <c>structuredContent</c> may hold (a field without a value is absent).</summary>
    public IReadOnlyList<string> Fields { get; } = fields ?? [];

    /// <summary>The JSON Schema of <c>structuredContent</c>: an object naming <see cref="Fields"/>.</summary>
    public string Schema => new JsonObject
    {
        ["type"] = "object",
        ["properties"] = new JsonObject(Fields.Select(name => KeyValuePair.Create(name, (JsonNode?)new JsonObject()))),
    }.ToJsonString();
}
