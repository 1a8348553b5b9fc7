namespace SreSuite.ServiceDefaults.Mcp;

/// <summary>
/// Constant pieces the tools' <see cref="StructuredOutputAttribute"/> schemas are written from, so each reads as its
/// shape: <c>{"type":"object","properties":{"pods":Rows,…}}</c>. A field that is absent is not required, and nothing is
/// ever <c>null</c>.
/// </summary>
public static class OutputSchemaParts
{
    public const string Text = """{"type":"string"}""";
    public const string Whole = """{"type":"integer"}""";
    public const string Real = """{"type":"number"}""";
    public const string Flag = """{"type":"boolean"}""";

    /// <summary>
    /// A list of rows (objects). The rows' fields are named in docs/structured-output.md rather than here: typed row schemas on
    /// every structured tool would push <c>tools/list</c> past its 8,000-byte limit.
    /// </summary>
    public const string Rows = """{"type":"array"}""";

    /// <summary>Per list, how many rows the answer left out: <c>{"pods":240}</c>.</summary>
    public const string Omitted = "\"omitted\":{\"type\":\"object\"}";
}
