using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SreSuite.InfraTools.Triage;

/// <summary>JSON as block YAML, two-space indented, strings quoted only where YAML needs it.</summary>
public static class CompactYaml
{
    /// <summary>Plain scalars a YAML 1.1 reader would turn into booleans or null.</summary>
    private static readonly HashSet<string> YamlWords = new(StringComparer.OrdinalIgnoreCase) { "true", "false", "yes", "no", "y", "n", "on", "off", "null", "~" };

    public static IReadOnlyList<string> Lines(JsonNode? node)
    {
        var lines = new List<string>();
        Write(node, 0, lines, prefix: null);
        return lines;
    }

    private static void Write(JsonNode? node, int indent, List<string> lines, string? prefix)
    {
        var pad = new string(' ', indent);
        switch (node)
        {
            case JsonObject { Count: 0 }:
                lines.Add(prefix is null ? pad + "{}" : $"{pad}{prefix} {{}}");
                return;
            case JsonArray { Count: 0 }:
                lines.Add(prefix is null ? pad + "[]" : $"{pad}{prefix} []");
                return;
            case JsonObject obj:
                if (prefix is not null)
                    lines.Add(pad + prefix);
                var inner = prefix is null ? indent : indent + 2;
                foreach (var (key, value) in obj)
                    WriteMember(Key(key), value, inner, lines);
                return;
            case JsonArray array:
                if (prefix is not null)
                    lines.Add(pad + prefix);
                foreach (var item in array)
                {
                    var start = lines.Count;
                    // Items sit at the key's indentation, as kubectl prints them.
                    Write(item, indent + 2, lines, prefix: null);
                    if (lines.Count > start)
                        lines[start] = string.Concat(pad, "- ", lines[start].AsSpan(indent + 2));
                }

                return;
            default:
                lines.Add(prefix is null ? pad + Scalar(node) : $"{pad}{prefix} {Scalar(node)}");
                return;
        }
    }

    private static void WriteMember(string key, JsonNode? value, int indent, List<string> lines)
    {
        var pad = new string(' ', indent);
        switch (value)
        {
            case JsonObject { Count: > 0 } or JsonArray { Count: > 0 }:
                lines.Add($"{pad}{key}:");
                Write(value, value is JsonArray ? indent : indent + 2, lines, prefix: null);
                return;
            default:
                Write(value, indent, lines, prefix: key + ":");
                return;
        }
    }

    private static string Key(string key) => NeedsQuotes(key) ? Quote(key) : key;

    private static string Scalar(JsonNode? node)
    {
        if (node is null)
            return "null";
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            var text = (string)value!;
            return NeedsQuotes(text) ? Quote(text) : text;
        }

        return node.ToJsonString();
    }

    private static bool NeedsQuotes(string text) =>
        text.Length == 0
        || text.Any(c => c is '\n' or '\r' or '\t' or '"' or '#' || char.IsControl(c))
        || text.Contains(": ", StringComparison.Ordinal)
        || text.EndsWith(':')
        || text[0] is ' ' or '-' or '[' or '{' or '&' or '*' or '!' or '|' or '>' or '\'' or '%' or '@' or '`' or '?' or ','
        || text[^1] == ' '
        || YamlWords.Contains(text)
        || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
