using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SreSuite.Scenarios;

/// <summary>
/// A value read from a scenario file (YAML or JSON, read into one tree) that knows its file and field path, so every
/// complaint names both. Accessors are strict: a missing required field, a wrong type or an unknown key is an error.
/// </summary>
public sealed class ScenarioNode
{
    private ScenarioNode(string file, string path, JsonNode? value)
    {
        File = file;
        Path = path;
        Value = value;
    }

    public string File { get; }

    /// <summary>The field's path inside the file; empty for the document itself.</summary>
    public string Path { get; }

    public JsonNode? Value { get; }

    public bool IsMissing => Value is null;

    /// <summary>Reads a whole YAML or JSON file (by its extension).</summary>
    public static ScenarioNode Load(string folder, string relativeFile)
    {
        var full = System.IO.Path.Combine(folder, relativeFile);
        var name = relativeFile.Replace('\\', '/');
        string text;
        try
        {
            text = System.IO.File.ReadAllText(full);
        }
        catch (IOException ex)
        {
            throw new ScenarioFormatException(name, "(file)", $"cannot be read: {ex.Message}");
        }

        return Parse(name, text);
    }

    /// <summary>Every document of a multi-document YAML file; the second and later name themselves <c>file (document N)</c>.</summary>
    public static IReadOnlyList<ScenarioNode> LoadDocuments(string folder, string relativeFile)
    {
        var name = relativeFile.Replace('\\', '/');
        string text;
        try
        {
            text = System.IO.File.ReadAllText(System.IO.Path.Combine(folder, relativeFile));
        }
        catch (IOException ex)
        {
            throw new ScenarioFormatException(name, "(file)", $"cannot be read: {ex.Message}");
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return [.. stream.Documents.Select((d, i) => new ScenarioNode(i == 0 ? name : $"{name} (document {i + 1})", "", FromYaml(d.RootNode)))];
        }
        catch (YamlException ex)
        {
            throw new ScenarioFormatException(name, $"line {ex.Start.Line}", $"not valid YAML: {FirstLine(ex.InnerException?.Message ?? ex.Message)}");
        }
    }

    public static ScenarioNode Parse(string file, string text)
    {
        if (file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return new ScenarioNode(file, "", JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }));
            }
            catch (JsonException ex)
            {
                throw new ScenarioFormatException(file, $"line {(ex.LineNumber ?? 0) + 1}", $"not valid JSON: {FirstLine(ex.Message)}");
            }
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return new ScenarioNode(file, "", stream.Documents.Count == 0 ? null : FromYaml(stream.Documents[0].RootNode));
        }
        catch (YamlException ex)
        {
            throw new ScenarioFormatException(file, $"line {ex.Start.Line}", $"not valid YAML: {FirstLine(ex.InnerException?.Message ?? ex.Message)}");
        }
        catch (ArgumentException ex)
        {
            throw new ScenarioFormatException(file, "(document)", $"not valid YAML: {FirstLine(ex.Message)}");
        }
    }

    public ScenarioNode this[string key] => new(File, Path.Length == 0 ? key : $"{Path}.{key}", (Value as JsonObject)?[key]);

    public ScenarioFormatException Error(string problem) => new(File, Path.Length == 0 ? "(document)" : Path, problem);

    public ScenarioNode RequireObject(params string[] allowedKeys)
    {
        if (Value is not JsonObject obj)
            throw Error(Value is null ? "is required" : "must be a mapping");
        if (allowedKeys.Length > 0)
        {
            foreach (var (key, _) in obj)
            {
                if (!allowedKeys.Contains(key, StringComparer.Ordinal))
                    throw this[key].Error($"unknown field (allowed: {string.Join(", ", allowedKeys)})");
            }
        }

        return this;
    }

    public IReadOnlyList<ScenarioNode> Items(bool required = false)
    {
        if (Value is null)
            return required ? throw Error("is required") : [];
        if (Value is not JsonArray array)
            throw Error("must be a list");
        var items = new ScenarioNode[array.Count];
        for (var i = 0; i < array.Count; i++)
            items[i] = new ScenarioNode(File, $"{Path}[{i}]", array[i]);
        return items;
    }

    public IEnumerable<KeyValuePair<string, ScenarioNode>> Entries()
    {
        if (Value is null)
            yield break;
        if (Value is not JsonObject obj)
            throw Error("must be a mapping");
        foreach (var (key, _) in obj)
            yield return new(key, this[key]);
    }

    public string Text()
    {
        if (Value is null)
            throw Error("is required");
        if (Value is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
        {
            var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
            if (text.Length == 0)
                throw Error("must not be empty");
            return text;
        }

        throw Error("must be a text value");
    }

    public string? OptionalString() => Value is null ? null : Text();

    public double Number()
    {
        var text = Text();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : text is "NaN" ? double.NaN : throw Error($"'{text}' is not a number");
    }

    public int WholeNumber(int min = 0, int max = int.MaxValue)
    {
        var text = Text();
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw Error($"'{text}' is not a whole number from {min} to {max}");
    }

    /// <summary>A positive id that may exceed 32 bits (GitHub's run and deployment ids do).</summary>
    public long Id()
    {
        var text = Text();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1
            ? number
            : throw Error($"'{text}' is not a positive whole number");
    }

    public bool Boolean(bool fallback)
    {
        if (Value is null)
            return fallback;
        return Text() switch
        {
            "true" => true,
            "false" => false,
            var other => throw Error($"'{other}' is not true or false"),
        };
    }

    /// <summary>A time: an offset from the scenario's <c>now</c> (<c>-3h</c>, <c>-2h30m</c>, <c>+5m</c>, <c>now</c>) or RFC 3339.</summary>
    public DateTimeOffset Time(ScenarioClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var text = Text();
        return clock.TryResolve(text, out var at) ? at : throw Error($"'{text}' is neither an offset from now (e.g. -3h, -2h30m, now) nor an RFC 3339 time");
    }

    public override string ToString() => $"{File}: {Path}";

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    private static JsonNode? FromYaml(YamlNode node) => node switch
    {
        YamlMappingNode mapping => Mapping(mapping),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(FromYaml)]),
        YamlScalarNode { Value: null or "~" or "null", Style: ScalarStyle.Plain } => null,
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? ""),
        _ => throw new YamlException(node.Start, node.End, "anchors and aliases of this kind are not supported"),
    };

    private static JsonObject Mapping(YamlMappingNode mapping)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? throw new YamlException(key.Start, key.End, "keys must be plain text");
            if (obj.ContainsKey(name))
                throw new YamlException(key.Start, key.End, $"duplicate key '{name}'");
            obj[name] = FromYaml(value);
        }

        return obj;
    }
}
