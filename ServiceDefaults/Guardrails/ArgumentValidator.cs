using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// Validates <c>tools/call</c> arguments against the exact input schema a tool advertises (JSON Schema
/// 2020-12, evaluated by JsonSchema.Net) and describes every violation by argument name, expected and got,
/// e.g. <c>tail_lines: must be ≤ 2000, got 50000</c>, <c>namespace: required</c>, <c>foo: unknown argument</c>.
/// </summary>
public sealed class ArgumentValidator
{
    private const int MaxShownValueLength = 60;

    private readonly ConcurrentDictionary<string, CompiledSchema> _schemas = new(StringComparer.Ordinal);

    /// <summary>Returns one line per violation; an empty list means the arguments are valid.</summary>
    public IReadOnlyList<string> Validate(string tool, JsonElement inputSchema, IDictionary<string, JsonElement>? arguments)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var schema = _schemas.GetOrAdd(tool, static (_, element) => CompiledSchema.From(element), inputSchema);
        if (!schema.Source.Equals(inputSchema.GetRawText()))
        {
            schema = CompiledSchema.From(inputSchema);
            _schemas[tool] = schema;
        }

        var instance = new JsonObject();
        foreach (var (name, value) in arguments ?? new Dictionary<string, JsonElement>())
            instance[name] = JsonNode.Parse(value.GetRawText());
        var instanceElement = JsonSerializer.SerializeToElement(instance, GuardrailJsonContext.Default.JsonObject);

        var problems = new List<string>();
        DescribeRootProblems(schema.Node, instance, problems);
        var results = schema.Schema.Evaluate(instanceElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!results.IsValid)
        {
            foreach (var detail in results.Details ?? [])
            {
                if (detail.IsValid || detail.Errors is null)
                    continue;
                foreach (var (keyword, message) in detail.Errors)
                {
                    var line = Describe(schema.Node, detail.EvaluationPath.ToString(), detail.InstanceLocation.ToString(), keyword, message, instance);
                    if (line is not null && !problems.Contains(line))
                        problems.Add(line);
                }
            }

            if (problems.Count == 0)
                problems.Add("arguments do not match the tool's input schema");
        }

        AddIntegerProblems(schema.Node, instance, problems);
        return problems;
    }

    /// <summary>Missing and unknown arguments, reported by name rather than as one root-level error.</summary>
    private static void DescribeRootProblems(JsonObject schema, JsonObject instance, List<string> problems)
    {
        var properties = schema["properties"] as JsonObject;
        if (schema["required"] is JsonArray required)
        {
            foreach (var name in required.Select(node => node?.GetValue<string>()).OfType<string>())
            {
                if (!instance.ContainsKey(name))
                    problems.Add($"{name}: required");
            }
        }

        if (schema["additionalProperties"] is JsonValue additional && additional.GetValueKind() == JsonValueKind.False)
        {
            var known = properties?.Select(property => property.Key).ToList() ?? [];
            foreach (var (name, _) in instance)
            {
                if (properties?.ContainsKey(name) != true)
                {
                    problems.Add(known.Count == 0
                        ? $"{Shorten(name)}: unknown argument (this tool takes no arguments)"
                        : $"{Shorten(name)}: unknown argument (known: {string.Join(", ", known)})");
                }
            }
        }
    }

    /// <summary>
    /// JSON Schema accepts 5.0 as an integer; the tool's binder does not. Report it here instead of letting the
    /// call fail deep inside the handler.
    /// </summary>
    private static void AddIntegerProblems(JsonObject schema, JsonObject instance, List<string> problems)
    {
        if (schema["properties"] is not JsonObject properties)
            return;
        foreach (var (name, value) in instance)
        {
            if (properties[name] is JsonObject property && AllowsOnly(property, "integer") && value is JsonValue number
                && number.GetValueKind() == JsonValueKind.Number && number.ToJsonString().IndexOfAny(['.', 'e', 'E']) >= 0)
            {
                var line = $"{name}: expected integer, got {Show(value)}";
                if (!problems.Contains(line))
                    problems.Add(line);
            }
        }
    }

    private static string? Describe(JsonObject schema, string evaluationPath, string instanceLocation, string keyword, string message, JsonObject instance)
    {
        // Root-level required/additionalProperties are reported by DescribeRootProblems.
        if (instanceLocation.Length == 0 && keyword is "required" or "additionalProperties" or "properties")
            return null;
        // additionalProperties: false is reported by DescribeRootProblems with the known names.
        if (keyword is "properties" or "items" or "anyOf" or "allOf" or "false" || evaluationPath.Contains("/additionalProperties", StringComparison.Ordinal))
            return null;

        var argument = ArgumentName(instanceLocation);
        var subschema = Navigate(schema, evaluationPath, dropLast: false) as JsonObject;
        if (subschema?.ContainsKey(keyword) != true)
            subschema = Navigate(schema, evaluationPath, dropLast: true) as JsonObject;
        var actual = NavigateInstance(instance, instanceLocation);
        var expected = subschema?[keyword];
        var got = CredentialNames.LooksLikeCredential(argument) ? SecretScrubber.Redacted : Show(actual);

        return keyword switch
        {
            "type" => $"{argument}: expected {DescribeType(expected)}, got {DescribeKind(actual)}{(actual is null ? string.Empty : " " + got)}",
            "minimum" => $"{argument}: must be ≥ {expected}, got {got}",
            "maximum" => $"{argument}: must be ≤ {expected}, got {got}",
            "exclusiveMinimum" => $"{argument}: must be > {expected}, got {got}",
            "exclusiveMaximum" => $"{argument}: must be < {expected}, got {got}",
            "minLength" => $"{argument}: must be at least {expected} characters, got {Length(actual)}",
            "maxLength" => $"{argument}: must be at most {expected} characters, got {Length(actual)}",
            "pattern" => $"{argument}: must match {expected}, got {got}",
            "enum" => $"{argument}: must be one of {string.Join(", ", (expected as JsonArray ?? []).Select(Show))}, got {got}",
            "const" => $"{argument}: must be {Show(expected)}, got {got}",
            "minItems" => $"{argument}: needs at least {expected} items, got {Count(actual)}",
            "maxItems" => $"{argument}: takes at most {expected} items, got {Count(actual)}",
            "format" => $"{argument}: must be a valid {expected}, got {got}",
            "required" or "additionalProperties" => $"{argument}: {message}",
            _ => $"{argument}: {message}",
        };
    }

    private static string ArgumentName(string pointer)
    {
        var segments = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Unescape).ToList();
        if (segments.Count == 0)
            return "arguments";
        var name = Shorten(segments[0]);
        foreach (var segment in segments.Skip(1))
            name += int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? $"[{segment}]" : $".{segment}";
        return name;
    }

    private static JsonNode? Navigate(JsonNode root, string pointer, bool dropLast)
    {
        var segments = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Unescape).ToList();
        if (dropLast && segments.Count > 0)
            segments.RemoveAt(segments.Count - 1);
        JsonNode? node = root;
        foreach (var segment in segments)
        {
            node = node switch
            {
                JsonObject obj => obj[segment],
                JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count => array[index],
                _ => null,
            };
            if (node is null)
                return null;
        }

        return node;
    }

    private static JsonNode? NavigateInstance(JsonObject instance, string pointer) => Navigate(instance, pointer, dropLast: false);

    private static string Unescape(string segment) => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    private static bool AllowsOnly(JsonObject property, string type) => property["type"] switch
    {
        JsonValue value => value.GetValue<string>() == type,
        JsonArray types => types.Select(t => t?.GetValue<string>()).Where(t => t != "null").All(t => t == type),
        _ => false,
    };

    private static string DescribeType(JsonNode? type) => type switch
    {
        JsonArray types => string.Join(" or ", types.Select(t => t?.GetValue<string>())),
        JsonValue value => value.GetValue<string>(),
        _ => "another type",
    };

    private static string DescribeKind(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.String => "string",
        JsonValueKind.Number => node.ToJsonString().IndexOfAny(['.', 'e', 'E']) >= 0 ? "number" : "integer",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "value",
    };

    private static string Show(JsonNode? node)
    {
        if (node is null)
            return "null";
        var text = node.GetValueKind() == JsonValueKind.String
            ? JsonSerializer.Serialize(UntrustedText.Sanitize(node.GetValue<string>()), GuardrailJsonContext.Default.String)
            : node.ToJsonString();
        return text.Length <= MaxShownValueLength ? text : $"{text[..MaxShownValueLength]}… ({text.Length} chars)";
    }

    private static string Shorten(string name) => name.Length <= MaxShownValueLength ? UntrustedText.Sanitize(name) : $"{UntrustedText.Sanitize(name[..MaxShownValueLength])}…";

    private static string Length(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>().Length.ToString(CultureInfo.InvariantCulture) : DescribeKind(node);

    private static string Count(JsonNode? node) =>
        node is JsonArray array ? array.Count.ToString(CultureInfo.InvariantCulture) : DescribeKind(node);

    private sealed record CompiledSchema(string Source, JsonObject Node, JsonSchema Schema)
    {
        public static CompiledSchema From(JsonElement element)
        {
            var source = element.GetRawText();
            // Each tool's schema is built in its own registry: the SDK's schemas carry no $id, and a shared
            // registry would mix them up.
            var schema = JsonSchema.FromText(source, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
            return new CompiledSchema(source, JsonNode.Parse(source) as JsonObject ?? [], schema);
        }
    }
}
