namespace SreSuite.ServiceDefaults.Mcp;

/// <summary>
/// Declares the <c>outputSchema</c> of a tool whose answer carries <c>structuredContent</c> beside its text. The
/// schema is written by hand and kept terse (types and names, no descriptions): every byte of it is in
/// <c>tools/list</c>, which each client reads into its context. The tool returns a
/// <see cref="SreSuite.ServiceDefaults.Guardrails.StructuredAnswer"/> result that agrees with it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class StructuredOutputAttribute(string schema) : Attribute
{
    /// <summary>The JSON Schema of <c>structuredContent</c>: an object.</summary>
    public string Schema { get; } = schema;
}
