using k8s;

namespace SreSuite.InfraTools.Kubernetes;

/// <summary>The cluster this server is pinned to, resolved once from the settings.</summary>
/// <param name="Source">Where the credentials came from, e.g. <c>KUBECONFIG=/etc/sre/staging.yaml</c>.</param>
public sealed record KubernetesTarget(
    string Source,
    string Context,
    string Cluster,
    string Server,
    string User,
    string Namespace,
    KubernetesClientConfiguration ClientConfiguration)
{
    /// <summary>The identity requests impersonate, e.g. <c>sre-readonly (groups: sre)</c>; null when not impersonating.</summary>
    public string? Impersonation { get; init; }

    /// <summary>The credentials of the pinned user (<see cref="KubeconfigCredentials"/>), registered with the redactor at start.</summary>
    public IReadOnlyList<string> Credentials { get; init; } = [];
}
