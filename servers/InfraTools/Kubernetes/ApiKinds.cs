using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Kubernetes;

/// <summary>A listable resource type as discovery describes it.</summary>
public sealed record ApiKind(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public string Singular { get; init; } = "";

    /// <summary><c>deployments.apps</c>, <c>pods</c>: how kubectl names the type unambiguously.</summary>
    public string Qualified => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The collection path, in a namespace or across all (null).</summary>
    public string Path(string? ns, string? name = null)
    {
        var root = Group.Length == 0 ? "/api/v1" : $"/apis/{Group}/{Version}";
        var collection = Namespaced && ns is not null ? $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}" : $"{root}/{Plural}";
        return name is null ? collection : $"{collection}/{Uri.EscapeDataString(name)}";
    }
}

/// <summary>
/// Resolves what a caller types as a kind — <c>deploy</c>, <c>Deployment</c>, <c>deployments.apps</c>,
/// <c>apps/v1/Deployment</c>, <c>certificates.cert-manager.io</c>, <c>cert-manager.io/v1/Certificate</c> — through
/// built-in names for the common types and API discovery for the rest (cached). Secrets resolve to a refusal.
/// </summary>
public sealed partial class ApiKinds(KubernetesConnection kube, TimeProvider time)
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);

    private static readonly (ApiKind Kind, string[] Names)[] BuiltIn =
    [
        (new("", "v1", "pods", "Pod", true), ["po", "pod"]),
        (new("", "v1", "services", "Service", true), ["svc", "service"]),
        (new("", "v1", "configmaps", "ConfigMap", true), ["cm", "configmap"]),
        (new("", "v1", "namespaces", "Namespace", false), ["ns", "namespace"]),
        (new("", "v1", "nodes", "Node", false), ["no", "node"]),
        (new("", "v1", "events", "Event", true), ["ev", "event"]),
        (new("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", true), ["pvc", "pvcs", "persistentvolumeclaim"]),
        (new("", "v1", "persistentvolumes", "PersistentVolume", false), ["pv", "pvs", "persistentvolume"]),
        (new("", "v1", "serviceaccounts", "ServiceAccount", true), ["sa", "serviceaccount"]),
        (new("", "v1", "endpoints", "Endpoints", true), ["ep"]),
        (new("apps", "v1", "deployments", "Deployment", true), ["deploy", "deployment"]),
        (new("apps", "v1", "statefulsets", "StatefulSet", true), ["sts", "statefulset"]),
        (new("apps", "v1", "daemonsets", "DaemonSet", true), ["ds", "daemonset"]),
        (new("apps", "v1", "replicasets", "ReplicaSet", true), ["rs", "replicaset"]),
        (new("apps", "v1", "controllerrevisions", "ControllerRevision", true), ["controllerrevision"]),
        (new("batch", "v1", "jobs", "Job", true), ["job"]),
        (new("batch", "v1", "cronjobs", "CronJob", true), ["cj", "cronjob"]),
        (new("networking.k8s.io", "v1", "ingresses", "Ingress", true), ["ing", "ingress"]),
        (new("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true), ["netpol", "networkpolicy"]),
        (new("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true), ["hpa", "hpas", "horizontalpodautoscaler"]),
        (new("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true), ["pdb", "pdbs", "poddisruptionbudget"]),
        (new("storage.k8s.io", "v1", "storageclasses", "StorageClass", false), ["sc", "storageclass"]),
        (new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false), ["crd", "crds", "customresourcedefinition"]),
    ];

    private readonly ConcurrentDictionary<string, (DateTimeOffset At, IReadOnlyList<ApiKind> Kinds)> _discovered = new(StringComparer.Ordinal);

    public const string SecretsRefusal = "Secrets are never read by InfraTools (their contents must not reach an answer). Ask for the workload or pod that uses the secret: k8s_describe_workload shows secretKeyRef references without values.";

    /// <summary>Resolves <paramref name="text"/>; throws <see cref="ToolInputException"/> naming <paramref name="argument"/> when it cannot.</summary>
    public async Task<ApiKind> ResolveAsync(string argument, string text, CancellationToken cancellationToken)
    {
        var query = Parse(argument, text);
        if (query.Group is null && query.Version is null && FromBuiltIn(query.Name, null) is { } common)
            return common;
        if (query.Group is { } knownGroup && FromBuiltIn(query.Name, knownGroup) is { } qualified && (query.Version is null || query.Version == qualified.Version))
            return qualified;

        var candidates = await DiscoverAsync(query.Group, cancellationToken);
        var matches = candidates
            .Where(k => query.Version is null || k.Version == query.Version)
            .Where(k => Names(k).Contains(query.Name, StringComparer.OrdinalIgnoreCase))
            .OrderBy(k => k.Group.Length == 0 ? 0 : k.Group == "apps" ? 1 : 2)
            .ThenBy(k => k.Group, StringComparer.Ordinal)
            .ToList();
        var kind = matches.FirstOrDefault()
            ?? throw new ToolInputException(argument, $"'{text}' is not a resource type this cluster serves{(query.Group is null ? "" : $" in group {query.Group}")}. Use a plural, kind or short name (deployments, Deployment, deploy), or group/version/Kind for custom resources (cert-manager.io/v1/Certificate).");
        if (KubernetesAccessPolicy.IsSecret(kind.Plural))
            throw new ToolInputException(argument, SecretsRefusal);
        return kind;
    }

    private sealed record KindQuery(string? Group, string? Version, string Name);

    /// <summary>Splits the caller's spelling into group, version and name; refuses Secrets in every spelling.</summary>
    private static KindQuery Parse(string argument, string text)
    {
        var normalized = Whitespace().Replace(text.Trim(), "/");
        if (normalized.Length == 0)
            throw new ToolInputException(argument, "is empty; name a resource type such as deployments or pods.");
        var parts = normalized.Split('/', StringSplitOptions.RemoveEmptyEntries);
        KindQuery query = parts switch
        {
            [var group, var version, var name] => new(CoreGroup(group), version, name),
            [var version, var name] when VersionPattern().IsMatch(version) => new("", version, name),
            [var group, var name] => new(CoreGroup(group), null, name),
            [var name] => DottedName(name),
            _ => throw new ToolInputException(argument, $"'{text}' is not a resource type; use e.g. deployments, apps/v1/Deployment or certificates.cert-manager.io."),
        };
        if (KubernetesAccessPolicy.IsSecret(query.Name))
            throw new ToolInputException(argument, SecretsRefusal);
        return query;
    }

    /// <summary><c>deployments.apps</c>, <c>deployments.v1.apps</c>, <c>certificates.cert-manager.io</c>.</summary>
    private static KindQuery DottedName(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
            return new(null, null, name);
        var rest = name[(dot + 1)..];
        var versionDot = rest.IndexOf('.', StringComparison.Ordinal);
        if (versionDot > 0 && VersionPattern().IsMatch(rest[..versionDot]))
            return new(rest[(versionDot + 1)..], rest[..versionDot], name[..dot]);
        return new(rest, null, name[..dot]);
    }

    private static string CoreGroup(string group) => group is "core" or "v1" or "" ? "" : group;

    private static ApiKind? FromBuiltIn(string name, string? group) => BuiltIn
        .Where(b => group is null || b.Kind.Group == group)
        .Where(b => b.Names.Contains(name, StringComparer.OrdinalIgnoreCase) || Names(b.Kind).Contains(name, StringComparer.OrdinalIgnoreCase))
        .Select(b => b.Kind)
        .FirstOrDefault();

    private static IEnumerable<string> Names(ApiKind kind) => [kind.Plural, kind.Kind, kind.Singular, .. kind.ShortNames];

    /// <summary>Resource types from discovery: one group (when named) or every group, cached for a few minutes.</summary>
    private async Task<IReadOnlyList<ApiKind>> DiscoverAsync(string? group, CancellationToken cancellationToken)
    {
        // Each context has its own API server, so its own kinds (CRDs differ between clusters).
        var key = $"{kube.Target?.Context}|{group ?? "*"}";
        if (_discovered.TryGetValue(key, out var cached) && time.GetUtcNow() - cached.At < CacheLifetime)
            return cached.Kinds;

        var groupVersions = new List<string>();
        if (group is null or "")
            groupVersions.Add("v1");
        if (group != "")
        {
            var groups = await kube.GetJsonAsync("/apis", cancellationToken);
            groupVersions.AddRange(Items(groups, "groups")
                .Where(g => group is null || (string?)g["name"] == group)
                .Select(g => (string?)g["preferredVersion"]?["groupVersion"])
                .OfType<string>());
        }

        var lists = await Task.WhenAll(groupVersions.Select(async gv =>
        {
            var path = gv == "v1" ? "/api/v1" : $"/apis/{gv}";
            try
            {
                return Kinds(gv, await kube.GetJsonAsync(path, cancellationToken));
            }
            catch (ToolFailureException ex) when (ex.InnerException is KubernetesStatusException { Code: 404 or 503 })
            {
                // An aggregated API whose backend is down must not hide every other group.
                return [];
            }
        }));
        var kinds = lists.SelectMany(k => k).ToList();
        // The group comes from the caller: remembering groups the cluster does not serve would let the cache grow without bound.
        if (kinds.Count > 0 || group is null or "")
            _discovered[key] = (time.GetUtcNow(), kinds);
        return kinds;
    }

    private static IEnumerable<ApiKind> Kinds(string groupVersion, JsonNode list)
    {
        var slash = groupVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? ("", groupVersion) : (groupVersion[..slash], groupVersion[(slash + 1)..]);
        foreach (var resource in Items(list, "resources"))
        {
            var plural = (string?)resource["name"];
            var verbs = resource["verbs"] as JsonArray;
            if (plural is null || plural.Contains('/', StringComparison.Ordinal) || verbs?.Any(v => (string?)v == "list") != true)
                continue;
            yield return new ApiKind(group, version, plural, (string?)resource["kind"] ?? plural, (bool?)resource["namespaced"] ?? true)
            {
                ShortNames = (resource["shortNames"] as JsonArray)?.Select(s => (string?)s).OfType<string>().ToArray() ?? [],
                Singular = (string?)resource["singularName"] ?? "",
            };
        }
    }

    private static IEnumerable<JsonObject> Items(JsonNode node, string property) =>
        node[property] is JsonArray array ? array.OfType<JsonObject>() : [];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^v\d+((alpha|beta)\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
