using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SreSuite.KubeFixture.Api;

/// <summary>
/// List continuation as the etcd3 storage layer encodes it: URL-safe base64 of
/// <c>{"v":"meta.k8s.io/v1","rv":N,"start":"key\u0000"}</c>, valid until history before <c>rv</c> is compacted.
/// </summary>
public static class ContinueTokens
{
    public static string Encode(long resourceVersion, string lastKey)
    {
        var json = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = resourceVersion, ["start"] = lastKey + "\u0000" }.ToJsonString(JsonFields.Wire);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Decodes a token into the revision it was taken at and the key to continue after.</summary>
    public static bool TryDecode(string token, out long resourceVersion, out string startAfter)
    {
        resourceVersion = 0;
        startAfter = string.Empty;
        try
        {
            var json = JsonNode.Parse(Base64Url.DecodeFromChars(token.AsSpan()));
            if ((string?)json?["v"] != "meta.k8s.io/v1" || json["rv"] is null || json["start"] is null)
                return false;
            resourceVersion = (long)json["rv"]!;
            startAfter = ((string)json["start"]!).TrimEnd('\u0000');
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return false;
        }
    }
}
