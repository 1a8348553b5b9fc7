using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Kubernetes;

/// <summary>
/// What InfraTools may ask the API server, decided per request below every tool: reads of anything but
/// Secrets and proxy-like subresources, and exactly the three changes the write tools make, each only when
/// the operator enabled that tool.
/// </summary>
public static class KubernetesAccessPolicy
{
    /// <summary>Subresources that reach into containers or nodes, or mint credentials: never used.</summary>
    private static readonly HashSet<string> RefusedSubresources = new(StringComparer.OrdinalIgnoreCase)
    {
        "exec", "attach", "portforward", "proxy", "token", "ephemeralcontainers",
    };

    /// <summary>The write tool a change belongs to, or null when no tool makes such a change.</summary>
    public static string? WriteToolFor(KubernetesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request switch
        {
            { Verb: "patch", Group: "apps", Resource: "deployments" or "statefulsets" or "daemonsets", Subresource: null, Name: not null } => "k8s_rollout_restart",
            { Verb: "patch", Group: "apps", Resource: "deployments" or "statefulsets" or "replicasets", Subresource: "scale", Name: not null } => "k8s_scale",
            { Verb: "delete", Group: "", Resource: "pods", Subresource: null, Name: not null } => "k8s_delete_pod",
            _ => null,
        };
    }

    /// <summary>Throws <see cref="ToolFailureException"/> when the request is not allowed.</summary>
    /// <param name="writable">False for a context outside <c>Kubernetes__WriteContexts</c>: no change is made there, whatever is enabled.</param>
    /// <param name="context">The context the request goes to, for the refusal.</param>
    public static void Check(KubernetesRequest? request, Uri uri, ToolPolicyOptions policy, bool writable = true, string? context = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(policy);
        if (request is null)
            throw new ToolFailureException($"refused: '{uri.AbsolutePath}' is not a Kubernetes API path InfraTools uses.");
        if (request.IsDiscovery)
            return;
        if (IsSecret(request.Resource))
            throw new ToolFailureException($"refused: InfraTools never reads Secrets ({request.Describe()}). Secret contents stay out of every answer; ask for the pod or workload that references the secret instead.");
        if (request.Subresource is { } sub && RefusedSubresources.Contains(sub))
            throw new ToolFailureException($"refused: InfraTools does not use {request.QualifiedResource} ({request.Describe()}); it only reads objects, logs and metrics.");
        if (request.Verb is "get" or "list" or "watch")
            return;

        var tool = WriteToolFor(request)
            ?? throw new ToolFailureException($"refused: InfraTools makes no '{request.Verb}' request on {request.QualifiedResource}; its only changes are rollout restart, scale and pod delete.");
        if (!writable)
        {
            throw new ToolFailureException(
                $"refused: context {context} is read-only for InfraTools (not in Kubernetes__WriteContexts), so {tool} will not {request.Describe()} there, even enabled.");
        }

        if (policy.ReadOnly || !policy.EnabledWriteToolNames.Contains(tool))
        {
            throw new ToolFailureException(
                $"refused: {tool} is not enabled, so InfraTools will not {request.Describe()}. The operator enables it with Guardrails__EnableWriteTools={tool} (and without --read-only).");
        }
    }

    /// <summary>Secrets in every spelling the API server would accept, plus the obvious near-misses.</summary>
    public static bool IsSecret(string resource) =>
        resource.Trim().TrimEnd('s').Equals("secret", StringComparison.OrdinalIgnoreCase);
}
