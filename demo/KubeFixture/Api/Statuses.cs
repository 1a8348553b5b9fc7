using System.Text.Json.Nodes;

namespace SreSuite.KubeFixture.Api;

/// <summary>The <c>Status</c> objects the API server answers failures with (meta/v1 Status).</summary>
public static class Statuses
{
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details = null, JsonObject? metadata = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = metadata ?? new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
            status["details"] = details;
        status["code"] = code;
        return status;
    }

    public static JsonObject NotFound(ApiResource resource, string name) =>
        Failure(404, "NotFound", $"{Qualified(resource)} \"{name}\" not found", Details(resource, name));

    /// <summary>The answer for a path no API group serves (e.g. metrics.k8s.io without metrics-server).</summary>
    public static JsonObject NoSuchResource() =>
        Failure(404, "NotFound", "the server could not find the requested resource", new JsonObject());

    public static JsonObject BadRequest(string message) => Failure(400, "BadRequest", message);

    public static JsonObject Unauthorized() => Failure(401, "Unauthorized", "Unauthorized");

    /// <summary>The RBAC denial, worded exactly like the API server's authorizer.</summary>
    public static JsonObject Forbidden(string user, string verb, ApiResource resource, string? subresource, string? ns, string? name)
    {
        var resourceName = subresource is null ? resource.Plural : $"{resource.Plural}/{subresource}";
        var scope = ns is null ? "at the cluster scope" : $"in the namespace \"{ns}\"";
        var subject = name is null ? Qualified(resource) : $"{Qualified(resource)} \"{name}\"";
        var message = $"{subject} is forbidden: User \"{user}\" cannot {verb} resource \"{resourceName}\" in API group \"{resource.Group}\" {scope}";
        return Failure(403, "Forbidden", message, Details(resource, name));
    }

    public static JsonObject Gone(string message, string? continueToken) => Failure(
        410, "Expired", message, metadata: continueToken is null ? null : new JsonObject { ["continue"] = continueToken });

    public static JsonObject UnsupportedMediaType(string contentType) =>
        Failure(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got {contentType})");

    public static JsonObject ServiceUnavailable() =>
        Failure(503, "ServiceUnavailable", "the server is currently unable to handle the request");

    private static string Qualified(ApiResource resource) =>
        resource.Group.Length == 0 ? resource.Plural : $"{resource.Plural}.{resource.Group}";

    private static JsonObject Details(ApiResource resource, string? name)
    {
        var details = new JsonObject();
        if (name is not null)
            details["name"] = name;
        if (resource.Group.Length > 0)
            details["group"] = resource.Group;
        details["kind"] = resource.Plural;
        return details;
    }
}
