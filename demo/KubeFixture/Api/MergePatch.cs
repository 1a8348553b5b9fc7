using System.Text.Json.Nodes;

namespace SreSuite.KubeFixture.Api;

/// <summary>JSON merge patch (RFC 7386); strategic merge patches of maps behave the same way.</summary>
public static class MergePatch
{
    public static void Apply(JsonObject target, JsonObject patch)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(patch);
        foreach (var (key, value) in patch)
        {
            if (value is null)
                target.Remove(key);
            else if (value is JsonObject patchObject && target[key] is JsonObject targetObject)
                Apply(targetObject, patchObject);
            else if (value is JsonObject newObject)
            {
                var created = new JsonObject();
                Apply(created, newObject);
                target[key] = created;
            }
            else
                target[key] = value.DeepClone();
        }
    }
}
