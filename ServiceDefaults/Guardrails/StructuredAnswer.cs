using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// The <c>structuredContent</c> of an answer whose text an <see cref="AnswerBuilder"/> writes. One budget covers
/// both: the text gets two thirds of the tool's budget, the structured part the rest. Lists hold only rows the text
/// shows (never more), as many as fit; <c>omitted</c> says per list how many were left out, so the two agree.
/// Free text from outside (event messages, log lines, notes) stays in the fenced text and is not repeated here.
/// </summary>
public sealed class StructuredAnswer
{
    /// <summary>The key under which each list's left-out rows are counted, e.g. <c>"omitted":{"pods":240}</c>.</summary>
    public const string OmittedKey = "omitted";

    private readonly JsonObject _root = [];
    private readonly JsonObject _omitted = [];
    private int _bytes = 2;

    public StructuredAnswer(int budgetBytes)
    {
        BudgetBytes = Math.Max(budgetBytes, 200);
    }

    /// <summary>The share of a tool's budget that goes to the structured part; the text gets the rest.</summary>
    public static int ShareOf(int budgetBytes) => budgetBytes / 3;

    public int BudgetBytes { get; }

    /// <summary>Bytes the structured part takes so far (compact JSON).</summary>
    public int Bytes => _bytes + (_omitted.Count > 0 ? SizeOf(_omitted) + OmittedKey.Length + 4 : 0);

    /// <summary>Sets a summary field; summary fields are always kept.</summary>
    public StructuredAnswer Set(string key, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (value is null)
            return this;
        if (_root[key] is { } old)
            _bytes -= SizeOf(old) + key.Length + 4;
        _root[key] = value;
        _bytes += SizeOf(value) + key.Length + 4;
        return this;
    }

    /// <summary>
    /// Adds the list <paramref name="key"/>: the first <paramref name="shown"/> of <paramref name="rows"/> (those the
    /// text shows; the last ones with <paramref name="keepLast"/>, as a log's tail) as far as the budget allows, and
    /// the count of the rest under <c>omitted</c>. Returns the rows added.
    /// </summary>
    public int AddRows<T>(string key, IReadOnlyCollection<T> rows, int shown, Func<T, JsonObject> toJson, bool keepLast = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(toJson);
        var items = new List<JsonObject>();
        _bytes += key.Length + 5;
        // Room kept for the omitted counts written after the rows.
        var room = BudgetBytes - Bytes - 40 - key.Length;
        var take = Math.Clamp(shown, 0, rows.Count);
        var candidates = keepLast ? rows.Skip(rows.Count - take).Reverse() : rows.Take(take);
        foreach (var row in candidates)
        {
            var item = toJson(row);
            var size = SizeOf(item) + 1;
            if (size > room)
                break;
            items.Add(item);
            room -= size;
            _bytes += size;
        }

        if (keepLast)
            items.Reverse();
        var list = new JsonArray();
        foreach (var item in items)
            list.Add((JsonNode)item);
        _root[key] = list;
        var left = rows.Count - list.Count;
        if (left > 0)
            _omitted[key] = left;
        return list.Count;
    }

    /// <summary>The result: the text answer, and this as <c>structuredContent</c>.</summary>
    public CallToolResult Result(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var content = _root.DeepClone().AsObject();
        if (_omitted.Count > 0)
            content[OmittedKey] = _omitted.DeepClone();
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = text }],
            StructuredContent = JsonSerializer.SerializeToElement(content, GuardrailJsonContext.Default.JsonObject),
        };
    }

    /// <summary>The UTF-8 size of a result's <c>structuredContent</c>, as the budget counts it.</summary>
    public static int BytesOf(CallToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.StructuredContent is { } structured ? Encoding.UTF8.GetByteCount(structured.GetRawText()) : 0;
    }

    /// <summary>A time as the answers write it: UTC, to the second, ISO 8601.</summary>
    public static JsonNode? Time(DateTimeOffset? time) =>
        time is { } t ? JsonValue.Create(Ages.Timestamp(t)) : null;

    /// <summary>A row from named values, without the ones that are null (absent, not <c>null</c>, so a schema's single type holds).</summary>
    public static JsonObject Row(params (string Key, JsonNode? Value)[] values)
    {
        var row = new JsonObject();
        foreach (var (key, value) in values ?? [])
        {
            if (value is not null)
                row[key] = value;
        }

        return row;
    }

    private static int SizeOf(JsonNode node) => Encoding.UTF8.GetByteCount(node.ToJsonString());
}
