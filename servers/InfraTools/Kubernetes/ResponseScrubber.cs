using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SreSuite.InfraTools.Kubernetes;

/// <summary>
/// Rewrites every JSON answer of the API server before any tool sees it: drops <c>managedFields</c> and the
/// <c>last-applied-configuration</c> annotation (which can hold a Secret manifest), masks plain env values whose
/// names look like credentials, and refuses any Secret object that somehow arrives.
/// </summary>
public static partial class ResponseScrubber
{
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    public const string RedactedValue = "(redacted: the name looks like a credential)";

    /// <summary>Scrubs <paramref name="node"/> in place. Returns false when it holds a Secret's data.</summary>
    public static bool TryScrub(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (IsSecretObject(obj))
                    return false;
                if (obj["metadata"] is JsonObject metadata)
                    ScrubMetadata(metadata);
                if (obj["env"] is JsonArray env)
                    RedactEnv(env);
                foreach (var (_, child) in obj.ToList())
                {
                    if (!TryScrub(child))
                        return false;
                }

                return true;
            case JsonArray array:
                return array.All(TryScrub);
            default:
                return true;
        }
    }

    /// <summary>True for an env var name such as <c>DB_PASSWORD</c>, <c>API_KEY</c> or <c>GITHUB_TOKEN</c>.</summary>
    public static bool LooksLikeCredential(string name) => CredentialName().IsMatch(name);

    private static bool IsSecretObject(JsonObject obj) =>
        (obj["kind"] is JsonValue kind && ((string?)kind is "Secret" or "SecretList"))
        && (obj["data"] is not null || obj["stringData"] is not null || obj["items"] is not null);

    private static void ScrubMetadata(JsonObject metadata)
    {
        metadata.Remove("managedFields");
        if (metadata["annotations"] is JsonObject annotations)
        {
            annotations.Remove(LastAppliedAnnotation);
            if (annotations.Count == 0)
                metadata.Remove("annotations");
        }
    }

    private static void RedactEnv(JsonArray env)
    {
        foreach (var variable in env.OfType<JsonObject>())
        {
            if (variable["value"] is JsonValue && variable["name"] is JsonValue name && LooksLikeCredential((string?)name ?? ""))
                variable["value"] = RedactedValue;
        }
    }

    [GeneratedRegex(@"(?i)(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential)", RegexOptions.CultureInvariant)]
    private static partial Regex CredentialName();
}
