using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// One compiled schema of a tool's input schema (the root or a property, at any depth) and the lines it writes for a
/// value that breaks it. It evaluates type (one name or several), properties, required, additionalProperties (true or
/// false), enum, const, minLength, maxLength, pattern, minimum, maximum, exclusiveMinimum, exclusiveMaximum, items,
/// minItems and maxItems, with JSON Schema 2020-12 semantics except where noted; annotations (format included, as
/// 2020-12 treats it by default) are ignored. Any other keyword is refused when compiled: a keyword left unevaluated
/// would let arguments through unchecked.
/// </summary>
internal sealed class ArgumentSchema
{
    private const int MaxShownValueLength = 60;

    /// <summary>A pattern is matched against caller text: a hostile value must not hold the call, or a thread, for long.</summary>
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    private static readonly FrozenSet<string> Annotations = FrozenSet.ToFrozenSet(
        ["title", "description", "default", "examples", "$schema", "$comment", "format", "deprecated", "readOnly", "writeOnly"], StringComparer.Ordinal);

    /// <summary>What the root may say: arguments always arrive as an object, so keywords about other values never apply.</summary>
    private static readonly FrozenSet<string> RootKeywords = FrozenSet.ToFrozenSet(["type", "properties", "required", "additionalProperties"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> TypeNames = FrozenSet.ToFrozenSet(["string", "integer", "number", "boolean", "null", "array", "object"], StringComparer.Ordinal);

    private string[]? _types;
    private OrderedDictionary<string, ArgumentSchema>? _properties;
    private string[] _required = [];
    private bool _closed;
    private ArgumentSchema? _items;
    private int? _minLength, _maxLength, _minItems, _maxItems;
    private Bound? _minimum, _maximum, _exclusiveMinimum, _exclusiveMaximum;
    private Regex? _pattern;
    private string? _patternText;
    private JsonElement[]? _enum;
    private JsonElement? _const;

    /// <summary>Compiles a tool's <c>inputSchema</c>: an object schema whose properties are the tool's arguments.</summary>
    /// <exception cref="InvalidOperationException">The schema has a keyword that is not evaluated, or a keyword value that is not valid.</exception>
    public static ArgumentSchema CompileInputSchema(string tool, JsonElement inputSchema)
    {
        if (inputSchema.ValueKind == JsonValueKind.Object)
        {
            foreach (var keyword in inputSchema.EnumerateObject().Where(keyword => !RootKeywords.Contains(keyword.Name) && !Annotations.Contains(keyword.Name)))
                throw Unevaluated(tool, "#", keyword.Name, " (arguments are always an object; only type, properties, required and additionalProperties apply at the root)");
        }

        var root = Compile(tool, inputSchema, "#");
        if (root._types is not null && !root._types.SequenceEqual(["object"]))
            throw Invalid(tool, "#", "type", $"the arguments are an object, the schema says {string.Join(" or ", root._types)}");
        return root;
    }

    /// <summary>Adds a line for each missing, unknown or invalid argument.</summary>
    public void CheckArguments(IDictionary<string, JsonElement> arguments, List<string> problems) => CheckMembers(null, arguments, problems);

    private static ArgumentSchema Compile(string tool, JsonElement schema, string at)
    {
        if (schema.ValueKind != JsonValueKind.Object)
            throw new InvalidOperationException($"The inputSchema of {tool} has {schema.ValueKind.ToString().ToLowerInvariant()} as the schema at {at}; ArgumentValidator evaluates object schemas only.");

        var node = new ArgumentSchema();
        foreach (var keyword in schema.EnumerateObject())
        {
            var value = keyword.Value;
            switch (keyword.Name)
            {
                case "type":
                    node._types = value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(type => TypeName(tool, at, type))] : [TypeName(tool, at, value)];
                    break;
                case "properties" when value.ValueKind == JsonValueKind.Object:
                    node._properties = new(StringComparer.Ordinal);
                    foreach (var property in value.EnumerateObject())
                        node._properties[property.Name] = Compile(tool, property.Value, $"{at}/properties/{property.Name}");
                    break;
                case "required" when value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(name => name.ValueKind == JsonValueKind.String):
                    node._required = [.. value.EnumerateArray().Select(name => name.GetString()!)];
                    break;
                case "additionalProperties" when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    node._closed = value.ValueKind == JsonValueKind.False;
                    break;
                case "additionalProperties":
                    throw Unevaluated(tool, at, keyword.Name, " as a schema (only true or false)");
                case "items": node._items = Compile(tool, value, $"{at}/items"); break;
                case "minLength": node._minLength = Count(tool, at, keyword); break;
                case "maxLength": node._maxLength = Count(tool, at, keyword); break;
                case "minItems": node._minItems = Count(tool, at, keyword); break;
                case "maxItems": node._maxItems = Count(tool, at, keyword); break;
                case "minimum": node._minimum = Bound.Of(tool, at, keyword); break;
                case "maximum": node._maximum = Bound.Of(tool, at, keyword); break;
                case "exclusiveMinimum": node._exclusiveMinimum = Bound.Of(tool, at, keyword); break;
                case "exclusiveMaximum": node._exclusiveMaximum = Bound.Of(tool, at, keyword); break;
                case "pattern" when value.ValueKind == JsonValueKind.String:
                    node._patternText = value.GetString()!;
                    node._pattern = Pattern(tool, at, node._patternText);
                    break;
                case "enum" when value.ValueKind == JsonValueKind.Array: node._enum = [.. value.EnumerateArray().Select(allowed => allowed.Clone())]; break;
                case "const": node._const = value.Clone(); break;
                case "properties" or "required" or "pattern" or "enum":
                    throw Invalid(tool, at, keyword.Name, $"{value.ValueKind} is not a valid value");
                default:
                    if (!Annotations.Contains(keyword.Name))
                        throw Unevaluated(tool, at, keyword.Name, string.Empty);
                    break;
            }
        }

        return node;
    }

    private void CheckMembers(string? path, IDictionary<string, JsonElement> members, List<string> problems)
    {
        foreach (var name in _required.Where(name => !members.ContainsKey(name)))
            problems.Add($"{Child(path, name)}: required");

        if (_closed)
        {
            var known = _properties?.Keys.ToList() ?? [];
            foreach (var name in members.Keys.Where(name => _properties?.ContainsKey(name) != true))
            {
                var takes = known.Count > 0 ? $"known: {string.Join(", ", known)}" : path is null ? "this tool takes no arguments" : "known: none";
                problems.Add($"{Child(path, name)}: unknown argument ({takes})");
            }
        }

        if (_properties is null)
            return;
        foreach (var (name, property) in _properties)
        {
            if (members.TryGetValue(name, out var value))
                property.Check(Child(path, name), value, problems);
        }
    }

    private void Check(string path, JsonElement value, List<string> problems)
    {
        string? got = null;
        string Got() => got ??= CredentialNames.LooksLikeCredential(path) ? SecretScrubber.Redacted : Show(value);

        if (_types is not null && !_types.Any(type => IsOfType(value, type)))
        {
            // JSON Schema counts 5.0 as an integer; the tools' binders refuse it, so it is refused here, by value.
            problems.Add(value.ValueKind == JsonValueKind.Number && _types.All(type => type is "integer" or "null")
                ? $"{path}: expected integer, got {Got()}"
                : $"{path}: expected {string.Join(" or ", _types)}, got {Kind(value)}{(value.ValueKind == JsonValueKind.Null ? string.Empty : " " + Got())}");
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                CheckString(path, value.GetString()!, Got, problems);
                break;
            case JsonValueKind.Number:
                if (_minimum is { } minimum && minimum.Compare(value) > 0)
                    problems.Add($"{path}: must be ≥ {minimum.Text}, got {Got()}");
                if (_maximum is { } maximum && maximum.Compare(value) < 0)
                    problems.Add($"{path}: must be ≤ {maximum.Text}, got {Got()}");
                if (_exclusiveMinimum is { } above && above.Compare(value) >= 0)
                    problems.Add($"{path}: must be > {above.Text}, got {Got()}");
                if (_exclusiveMaximum is { } below && below.Compare(value) <= 0)
                    problems.Add($"{path}: must be < {below.Text}, got {Got()}");
                break;
            case JsonValueKind.Array:
                var count = value.GetArrayLength();
                if (count < _minItems)
                    problems.Add($"{path}: needs at least {_minItems} items, got {count}");
                if (count > _maxItems)
                    problems.Add($"{path}: takes at most {_maxItems} items, got {count}");
                var index = 0;
                foreach (var item in value.EnumerateArray())
                    _items?.Check($"{path}[{index++}]", item, problems);
                break;
            case JsonValueKind.Object when _properties is not null || _required.Length > 0 || _closed:
                var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var member in value.EnumerateObject())
                    members[member.Name] = member.Value;
                CheckMembers(path, members, problems);
                break;
        }

        if (_enum is not null && !_enum.Any(allowed => JsonElement.DeepEquals(allowed, value)))
            problems.Add($"{path}: must be one of {string.Join(", ", _enum.Select(Show))}, got {Got()}");
        if (_const is { } constant && !JsonElement.DeepEquals(constant, value))
            problems.Add($"{path}: must be {Show(constant)}, got {Got()}");
    }

    private void CheckString(string path, string text, Func<string> got, List<string> problems)
    {
        if (_minLength is not null || _maxLength is not null)
        {
            // JSON Schema counts code points: an emoji is one character, not two UTF-16 units.
            var length = text.EnumerateRunes().Count();
            if (length < _minLength)
                problems.Add($"{path}: must be at least {_minLength} characters, got {length}");
            if (length > _maxLength)
                problems.Add($"{path}: must be at most {_maxLength} characters, got {length}");
        }

        if (_pattern is null)
            return;
        try
        {
            if (!_pattern.IsMatch(text))
                problems.Add($"{path}: must match {_patternText}, got {got()}");
        }
        catch (RegexMatchTimeoutException)
        {
            problems.Add($"{path}: refused, matching it against {_patternText} took over {PatternTimeout.TotalMilliseconds:0} ms");
        }
    }

    /// <summary>
    /// JSON Schema patterns are ECMA-262 regular expressions, unanchored. <see cref="RegexOptions.ECMAScript"/> gives
    /// ECMA-262's ASCII <c>\w</c> and <c>\d</c>; its <c>$</c> still matches before a final newline, where
    /// ECMA-262's matches only at the end, so <c>$</c> outside a character class becomes <c>\z</c>: otherwise
    /// <c>"payments\n"</c> would pass <c>^[\w.-]+$</c>.
    /// </summary>
    private static Regex Pattern(string tool, string at, string pattern)
    {
        var ecma = new StringBuilder(pattern.Length + 2);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                ecma.Append(c).Append(pattern[++i]);
                continue;
            }

            inClass = c == '[' || (inClass && c != ']');
            ecma.Append(c == '$' && !inClass ? @"\z" : c.ToString());
        }

        try
        {
            return new Regex(ecma.ToString(), RegexOptions.ECMAScript, PatternTimeout);
        }
        catch (ArgumentException e)
        {
            throw Invalid(tool, at, "pattern", $"{pattern} is not an ECMAScript regular expression .NET can run ({e.Message})");
        }
    }

    private static bool IsOfType(JsonElement value, string type) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && !HasFraction(value),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "array" => value.ValueKind == JsonValueKind.Array,
        _ => value.ValueKind == JsonValueKind.Object,
    };

    /// <summary>5.0 and 1e2 as written: the binders take an integer only when written as one.</summary>
    private static bool HasFraction(JsonElement number) => number.GetRawText().AsSpan().IndexOfAny('.', 'e', 'E') >= 0;

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => HasFraction(value) ? "number" : "integer",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "null",
    };

    /// <summary>A value as JSON, sanitized and escaped (so no invisible or direction-changing character), shortened to 60 characters.</summary>
    private static string Show(JsonElement value)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.String => JsonSerializer.Serialize(UntrustedText.Sanitize(value.GetString()), GuardrailJsonContext.Default.String),
            JsonValueKind.Array or JsonValueKind.Object => JsonSerializer.Serialize(value, GuardrailJsonContext.Default.JsonElement),
            _ => value.GetRawText(),
        };
        return text.Length <= MaxShownValueLength ? text : $"{text[..MaxShownValueLength]}… ({text.Length} chars)";
    }

    private static string Child(string? path, string name)
    {
        var shown = name.Length <= MaxShownValueLength ? UntrustedText.Sanitize(name) : $"{UntrustedText.Sanitize(name[..MaxShownValueLength])}…";
        return path is null ? shown : $"{path}.{shown}";
    }

    private static string TypeName(string tool, string at, JsonElement type) =>
        type.ValueKind == JsonValueKind.String && TypeNames.Contains(type.GetString()!)
            ? type.GetString()!
            : throw Invalid(tool, at, "type", $"{type.GetRawText()} is not a JSON Schema type");

    private static int Count(string tool, string at, JsonProperty keyword) =>
        keyword.Value.ValueKind == JsonValueKind.Number && keyword.Value.TryGetInt32(out var count) && count >= 0
            ? count
            : throw Invalid(tool, at, keyword.Name, $"{keyword.Value.GetRawText()} is not a non-negative integer");

    private static InvalidOperationException Unevaluated(string tool, string at, string keyword, string how) =>
        new($"The inputSchema of {tool} uses \"{keyword}\" at {at}{how}, which ArgumentValidator does not evaluate: arguments would pass it unchecked. Evaluate it in ArgumentSchema or leave it out of the schema.");

    private static InvalidOperationException Invalid(string tool, string at, string keyword, string why) =>
        new($"The inputSchema of {tool} has an invalid \"{keyword}\" at {at}: {why}.");

    /// <summary>A numeric bound as written in the schema, compared exactly where both numbers fit a decimal.</summary>
    private sealed record Bound(string Text, decimal? Exact, double Approximate)
    {
        public static Bound Of(string tool, string at, JsonProperty keyword) => keyword.Value.ValueKind == JsonValueKind.Number
            ? new Bound(keyword.Value.GetRawText(), keyword.Value.TryGetDecimal(out var exact) ? exact : null, ParseDouble(keyword.Value))
            : throw Invalid(tool, at, keyword.Name, $"{keyword.Value.GetRawText()} is not a number");

        /// <summary>Negative when the bound is below the value, zero when equal, positive when above.</summary>
        public int Compare(JsonElement value) => Exact is { } bound && value.TryGetDecimal(out var exact)
            ? bound.CompareTo(exact)
            : Approximate.CompareTo(ParseDouble(value));

        // 1e400 is a valid JSON number: it parses as infinity rather than failing.
        private static double ParseDouble(JsonElement number) => double.Parse(number.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
