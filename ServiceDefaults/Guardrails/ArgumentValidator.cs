using System.Collections.Concurrent;
using System.Text.Json;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// Validates <c>tools/call</c> arguments against the exact input schema a tool advertises (the JSON Schema 2020-12
/// keywords <see cref="ArgumentSchema"/> evaluates) and describes every violation by argument name, expected and got,
/// e.g. <c>tail_lines: must be ≤ 2000, got 50000</c>, <c>namespace: required</c>, <c>foo: unknown argument</c>.
/// </summary>
/// <remarks>
/// The keywords are evaluated here rather than by a schema library: JsonSchema.Net's module initializer (its
/// meta-schemas and dialects) cost ~5 ms of the ~12 ms Native AOT start of every server, whether or not a call came.
/// A schema is compiled at its tool's first call; one with a validation keyword not evaluated here is refused then.
/// </remarks>
public sealed class ArgumentValidator
{
    private static readonly Dictionary<string, JsonElement> NoArguments = [];

    private readonly ConcurrentDictionary<string, CompiledSchema> _schemas = new(StringComparer.Ordinal);

    /// <summary>Returns one line per violation; an empty list means the arguments are valid.</summary>
    /// <exception cref="InvalidOperationException">The schema has a keyword this validator does not evaluate.</exception>
    public IReadOnlyList<string> Validate(string tool, JsonElement inputSchema, IDictionary<string, JsonElement>? arguments)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var source = inputSchema.GetRawText();
        if (!_schemas.TryGetValue(tool, out var schema) || !string.Equals(schema.Source, source, StringComparison.Ordinal))
            _schemas[tool] = schema = new CompiledSchema(source, ArgumentSchema.CompileInputSchema(tool, inputSchema));

        var problems = new List<string>();
        schema.Root.CheckArguments(arguments ?? NoArguments, problems);
        return problems;
    }

    private sealed record CompiledSchema(string Source, ArgumentSchema Root);
}
