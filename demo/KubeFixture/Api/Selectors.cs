using System.Text.Json.Nodes;

namespace SreSuite.KubeFixture.Api;

/// <summary>A selector the API server cannot parse; answered with 400 BadRequest and this message.</summary>
public sealed class SelectorException(string message) : Exception(message)
{
    public SelectorException()
        : this("invalid selector")
    {
    }

    public SelectorException(string message, Exception innerException)
        : this(message + ": " + innerException?.Message)
    {
    }
}

/// <summary>Label selectors as the API server parses them: equality-based and set-based requirements.</summary>
public sealed class LabelSelector
{
    private readonly List<Func<JsonObject?, bool>> _requirements = [];

    public static LabelSelector Parse(string? text)
    {
        var selector = new LabelSelector();
        if (string.IsNullOrWhiteSpace(text))
            return selector;
        foreach (var requirement in SplitTopLevel(text))
            selector._requirements.Add(ParseRequirement(requirement.Trim()));
        return selector;
    }

    public bool Matches(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var labels = obj["metadata"]?["labels"] as JsonObject;
        return _requirements.All(requirement => requirement(labels));
    }

    private static Func<JsonObject?, bool> ParseRequirement(string text)
    {
        if (text.Length == 0)
            throw new SelectorException("unable to parse requirement: found '', expected: identifier");
        if (text.StartsWith('!'))
        {
            var key = ValidKey(text[1..].Trim(), text);
            return labels => labels?[key] is null;
        }

        foreach (var (op, negate) in new[] { (" notin ", true), (" in ", false) })
        {
            var at = text.IndexOf(op, StringComparison.Ordinal);
            if (at < 0)
                continue;
            var key = ValidKey(text[..at].Trim(), text);
            var set = text[(at + op.Length)..].Trim();
            if (!set.StartsWith('(') || !set.EndsWith(')'))
                throw new SelectorException($"unable to parse requirement: found '{set}', expected: '('");
            var values = set[1..^1].Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            return negate
                ? (labels => labels?[key] is not JsonValue value || !values.Contains((string)value!))
                : (labels => labels?[key] is JsonValue value && values.Contains((string)value!));
        }

        foreach (var (op, negate) in new[] { ("!=", true), ("==", false), ("=", false) })
        {
            var at = text.IndexOf(op, StringComparison.Ordinal);
            if (at < 0)
                continue;
            var key = ValidKey(text[..at].Trim(), text);
            var expected = text[(at + op.Length)..].Trim();
            return negate
                ? (labels => labels?[key] is not JsonValue value || (string)value! != expected)
                : (labels => labels?[key] is JsonValue value && (string)value! == expected);
        }

        var exists = ValidKey(text, text);
        return labels => labels?[exists] is not null;
    }

    private static string ValidKey(string key, string requirement)
    {
        if (key.Length == 0 || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')))
            throw new SelectorException($"unable to parse requirement: invalid label key \"{key}\" in \"{requirement}\"");
        return key;
    }

    /// <summary>Splits on commas outside parentheses: <c>a in (x,y),b=c</c> has two requirements.</summary>
    private static List<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(')
                depth++;
            else if (text[i] == ')')
                depth--;
            else if (text[i] == ',' && depth == 0)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }
}

/// <summary>Field selectors: only the fields the API server supports for each resource, else 400.</summary>
public sealed class FieldSelector
{
    private static readonly Dictionary<string, string[]> SupportedFields = new(StringComparer.Ordinal)
    {
        ["pods"] = ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"],
        ["events"] = ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"],
        ["nodes"] = ["spec.unschedulable"],
        ["namespaces"] = ["status.phase"],
        ["secrets"] = ["type"],
        ["replicasets"] = ["status.replicas"],
        ["jobs"] = ["status.successful"],
    };

    private readonly List<(string Field, string Value, bool Negate)> _terms = [];

    public static FieldSelector Parse(string? text, ApiResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var selector = new FieldSelector();
        if (string.IsNullOrWhiteSpace(text))
            return selector;
        foreach (var term in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var (at, length, negate) = term.IndexOf("!=", StringComparison.Ordinal) is >= 0 and var ne ? (ne, 2, true)
                : term.IndexOf("==", StringComparison.Ordinal) is >= 0 and var eqeq ? (eqeq, 2, false)
                : term.IndexOf('=', StringComparison.Ordinal) is >= 0 and var eq ? (eq, 1, false)
                : throw new SelectorException($"invalid selector: '{text}'; can't understand '{term}'");
            var field = term[..at];
            var supported = field is "metadata.name" or "metadata.namespace"
                || (SupportedFields.TryGetValue(resource.Plural, out var fields) && fields.Contains(field));
            if (!supported)
                throw new SelectorException($"field label not supported: {field}");
            selector._terms.Add((field, term[(at + length)..], negate));
        }

        return selector;
    }

    public bool Matches(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return _terms.All(term => (ValueOf(obj, term.Field) == term.Value) != term.Negate);
    }

    private static string ValueOf(JsonObject obj, string field)
    {
        var path = field == "source" ? "source.component" : field;
        JsonNode? node = obj;
        foreach (var part in path.Split('.'))
            node = node is JsonObject o ? o[part] : null;
        return node switch
        {
            null => field is "spec.unschedulable" or "spec.hostNetwork" ? "false" : string.Empty,
            JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
            _ => node.ToString(),
        };
    }
}
