using System.Text.Json.Nodes;
using SreSuite.KubeFixture.Api;

namespace SreSuite.KubeFixture.Cluster;

/// <summary>
/// Server-side-apply field ownership (<c>metadata.managedFields</c>, FieldsV1) derived from the fields an
/// object really has, so objects carry the bulk real API objects carry.
/// </summary>
public static class ManagedFields
{
    public static JsonObject Entry(string manager, string apiVersion, DateTimeOffset time, JsonObject fields, string? subresource = null)
    {
        var entry = new JsonObject
        {
            ["manager"] = manager,
            ["operation"] = "Update",
            ["apiVersion"] = apiVersion,
            ["time"] = JsonFields.Rfc3339(time),
            ["fieldsType"] = "FieldsV1",
            ["fieldsV1"] = fields,
        };
        if (subresource is not null)
            entry["subresource"] = subresource;
        return entry;
    }

    /// <summary>The FieldsV1 set of <paramref name="node"/>: <c>f:</c> per field, <c>k:{…}</c> per keyed list item.</summary>
    public static JsonObject Of(JsonObject node, params string[] only)
    {
        ArgumentNullException.ThrowIfNull(node);
        var fields = new JsonObject();
        foreach (var (key, value) in node)
        {
            if (only.Length > 0 && !only.Contains(key))
                continue;
            fields[$"f:{key}"] = Of(value);
        }

        return fields;
    }

    private static JsonObject Of(JsonNode? value)
    {
        switch (value)
        {
            case JsonObject obj:
                var nested = new JsonObject { ["."] = new JsonObject() };
                foreach (var (key, child) in obj)
                    nested[$"f:{key}"] = Of(child);
                return nested;
            case JsonArray array when array.FirstOrDefault() is JsonObject:
                var items = new JsonObject { ["."] = new JsonObject() };
                foreach (var item in array.OfType<JsonObject>())
                {
                    var itemFields = new JsonObject { ["."] = new JsonObject() };
                    foreach (var (key, child) in item)
                        itemFields[$"f:{key}"] = Of(child);
                    items[ItemKey(item)] = itemFields;
                }

                return items;
            default:
                return new JsonObject();
        }
    }

    private static string ItemKey(JsonObject item)
    {
        var key = item["name"] is not null ? new JsonObject { ["name"] = item["name"]!.DeepClone() }
            : item["containerPort"] is not null ? new JsonObject { ["containerPort"] = item["containerPort"]!.DeepClone(), ["protocol"] = item["protocol"]?.DeepClone() ?? "TCP" }
            : item["type"] is not null ? new JsonObject { ["type"] = item["type"]!.DeepClone() }
            : item["ip"] is not null ? new JsonObject { ["ip"] = item["ip"]!.DeepClone() }
            : item["key"] is not null ? new JsonObject { ["key"] = item["key"]!.DeepClone() }
            : new JsonObject { ["uid"] = item["uid"]?.DeepClone() ?? "" };
        return "k:" + key.ToJsonString(JsonFields.Wire);
    }
}
