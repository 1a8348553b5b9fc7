using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SreSuite.KubeFixture.Api;

/// <summary>Small readers over API objects held as JSON.</summary>
public static class JsonFields
{
    /// <summary>The node at a dotted path (<c>status.phase</c>), or null.</summary>
    public static JsonNode? At(JsonNode? node, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (var part in path.Split('.'))
            node = node is JsonObject obj ? obj[part] : null;
        return node;
    }

    public static string? Text(JsonNode? node, string path) => At(node, path) is JsonValue value ? value.ToString() : null;

    public static long Number(JsonNode? node, string path) =>
        At(node, path) is JsonValue value && long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : 0;

    /// <summary>How the API server writes JSON: quotes escaped as <c>\"</c>, not <c>\u0022</c>.</summary>
    public static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool Flag(JsonNode? node, string path) =>
        At(node, path) is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    public static IEnumerable<JsonObject> Items(JsonNode? node, string path) =>
        At(node, path) is JsonArray array ? array.OfType<JsonObject>() : [];

    public static DateTimeOffset? Time(JsonNode? node, string path) =>
        Text(node, path) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    /// <summary>RFC 3339 at second precision in UTC, as Kubernetes writes metav1.Time.</summary>
    public static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 3339 with microseconds, as Kubernetes writes metav1.MicroTime.</summary>
    public static string Rfc3339Micro(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
