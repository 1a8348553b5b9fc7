using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Triage;

/// <summary>Rows of a list as <c>kubectl get</c> prints them, from the API server's Table (or a plain list).</summary>
public sealed record TableView(string Header, IReadOnlyList<string> Rows, string? Continue, long? Remaining);

public static class TableRows
{
    private const string Separator = "  ";

    /// <summary>
    /// Renders a Table (priority-0 columns only, as kubectl does without -o wide), adding NAMESPACE for
    /// all-namespace lists and an optional extra column computed from each row's object.
    /// </summary>
    public static TableView From(JsonNode list, bool withNamespace, DateTimeOffset now, (string Name, Func<JsonObject?, string> Cell)? extra = null)
    {
        ArgumentNullException.ThrowIfNull(list);
        var metadata = list["metadata"];
        var next = (string?)metadata?["continue"];
        var remaining = metadata?["remainingItemCount"] is JsonValue count && count.TryGetValue<long>(out var left) ? left : (long?)null;
        if ((string?)list["kind"] != "Table")
            return FromItems(list, withNamespace, now, next, remaining);

        var definitions = (list["columnDefinitions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var shown = definitions.Select((d, i) => (Definition: d, Index: i)).Where(c => (int?)c.Definition["priority"] is null or 0).ToList();
        var header = new List<string>();
        if (withNamespace)
            header.Add("NAMESPACE");
        header.AddRange(shown.Select(c => ((string?)c.Definition["name"] ?? "?").ToUpperInvariant().Replace(' ', '-')));
        if (extra is { } column)
            header.Add(column.Name);

        var rows = new List<string>();
        foreach (var row in (list["rows"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var cells = row["cells"] as JsonArray ?? [];
            var obj = row["object"] as JsonObject;
            var values = new List<string>();
            if (withNamespace)
                values.Add(Cell(obj?["metadata"]?["namespace"]));
            values.AddRange(shown.Select(c => Cell(c.Index < cells.Count ? cells[c.Index] : null)));
            if (extra is { } add)
                values.Add(Clean(add.Cell(obj)));
            rows.Add(string.Join(Separator, values));
        }

        return new TableView(string.Join(Separator, header), rows, next, remaining);
    }

    private static TableView FromItems(JsonNode list, bool withNamespace, DateTimeOffset now, string? next, long? remaining)
    {
        var rows = new List<string>();
        foreach (var item in (list["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var metadata = item["metadata"];
            var name = Cell(metadata?["name"]);
            var created = DateTimeOffset.TryParse((string?)metadata?["creationTimestamp"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null;
            rows.Add(withNamespace ? $"{Cell(metadata?["namespace"])}{Separator}{name}{Separator}{Ages.Since(created, now)}" : $"{name}{Separator}{Ages.Since(created, now)}");
        }

        return new TableView(withNamespace ? "NAMESPACE  NAME  AGE" : "NAME  AGE", rows, next, remaining);
    }

    private static string Cell(JsonNode? node) => node switch
    {
        null => "<none>",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => Clean((string?)value),
        _ => Clean(node.ToJsonString()),
    };

    private static string Clean(string? text)
    {
        var clean = UntrustedText.Line(text, 121, empty: "-");
        while (clean.Contains(Separator, StringComparison.Ordinal))
            clean = clean.Replace(Separator, " ", StringComparison.Ordinal);
        return clean;
    }
}
