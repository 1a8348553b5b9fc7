namespace SreSuite.InfraTools.Kubernetes;

/// <summary>
/// What an HTTP request to the API server asks for, in RBAC terms: verb, group, resource, subresource,
/// namespace and name. Parsed from the URL as the API server's request-info resolver does.
/// </summary>
public sealed record KubernetesRequest(string Verb, string Group, string Resource, string? Subresource, string? Namespace, string? Name)
{
    /// <summary>Discovery and version paths (<c>/api</c>, <c>/apis/apps/v1</c>, <c>/version</c>) touch no resource.</summary>
    public bool IsDiscovery => Resource.Length == 0;

    /// <summary><c>pods</c>, <c>pods/log</c>, <c>deployments.apps/scale</c>: the resource as RBAC rules name it.</summary>
    public string QualifiedResource
    {
        get
        {
            var resource = Group.Length == 0 ? Resource : $"{Resource}.{Group}";
            return Subresource is null ? resource : $"{resource}/{Subresource}";
        }
    }

    /// <summary>"list pods in namespace payments", "get deployments.apps/scale payments-api in namespace payments".</summary>
    public string Describe()
    {
        if (IsDiscovery)
            return "API discovery";
        var what = Name is null ? $"{Verb} {QualifiedResource}" : $"{Verb} {QualifiedResource} {Name}";
        return Namespace is null ? $"{what} (all namespaces or cluster-scoped)" : $"{what} in namespace {Namespace}";
    }

    /// <summary>Parses an API server URL. Returns null for paths that are not part of the Kubernetes API.</summary>
    public static KubernetesRequest? Parse(HttpMethod method, Uri uri)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(uri);
        // The API server decodes escaped segments, so "%73ecrets" is "secrets" to it and must be to us.
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var watchQuery = uri.Query.Contains("watch=true", StringComparison.OrdinalIgnoreCase) || uri.Query.Contains("watch=1", StringComparison.OrdinalIgnoreCase);

        string group;
        string[] rest;
        switch (segments)
        {
            case [] or ["version"] or ["api"] or ["api", "v1"] or ["apis"] or ["apis", _] or ["apis", _, _]:
                return new KubernetesRequest("get", "", "", null, null, null);
            case ["api", "v1", .. var core]:
                (group, rest) = ("", core);
                break;
            case ["apis", var apiGroup, _, .. var grouped]:
                (group, rest) = (apiGroup, grouped);
                break;
            default:
                return null;
        }

        var watchPath = rest is ["watch", ..];
        if (watchPath)
            rest = rest[1..];
        string? ns = null;
        if (rest is ["namespaces", var nsName, var next, ..] && next is not ("status" or "finalize"))
        {
            ns = nsName;
            rest = rest[2..];
        }

        if (rest.Length is 0 or > 3 || rest.Any(string.IsNullOrWhiteSpace))
            return null;
        var name = rest.Length >= 2 ? rest[1] : null;
        var subresource = rest.Length == 3 ? rest[2] : null;
        var verb = method.Method.ToUpperInvariant() switch
        {
            "GET" or "HEAD" when watchPath || watchQuery => "watch",
            "GET" or "HEAD" => name is null ? "list" : "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => name is null ? "deletecollection" : "delete",
            _ => method.Method.ToLowerInvariant(),
        };
        return new KubernetesRequest(verb, group, rest[0], subresource, ns, name);
    }
}
