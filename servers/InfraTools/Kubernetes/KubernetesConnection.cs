using System.Text.Json.Nodes;
using k8s;
using Microsoft.Extensions.Options;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Mcp;

namespace SreSuite.InfraTools.Kubernetes;

/// <summary>
/// The allowed contexts (one <see cref="KubernetesCluster"/> each, created at start) and the one the current call
/// uses: the <c>context</c> the caller named, which the guardrail pipeline checked against the allow-list before the
/// tool ran, else the default. Tools ask this class, never a cluster directly, so none can reach a context by mistake.
/// </summary>
public sealed class KubernetesConnection : IDisposable
{
    /// <summary>Accept header asking the API server to print a list as a Table (kubectl's columns).</summary>
    public const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io, application/json";

    /// <summary>The status tool reports on every context; every other tool takes <c>context</c>.</summary>
    public const string StatusTool = "k8s_context";

    private readonly Dictionary<string, KubernetesCluster> _clusters;

    public KubernetesConnection(IOptions<KubernetesOptions> options, IOptionsMonitor<ToolPolicyOptions> policy, SecretScrubber scrubber)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scrubber);
        Options = options.Value;
        var targets = KubeconfigReader.ReadAll(Options);
        // Without Kubernetes__Contexts the one pinned context is governed by the enabled write tools alone, as before.
        var listed = Options.ContextNames.Count > 0;
        var writable = Options.WriteContextNames;
        Clusters = [.. targets.Select(target =>
        {
            // Before any call: an API server that echoes the kubeconfig's credentials must find them masked.
            scrubber.AddRuntimeSecrets(target.Credentials);
            return new KubernetesCluster(target, !listed || writable.Contains(target.Context, StringComparer.Ordinal), Options, policy, scrubber);
        })];
        _clusters = Clusters.ToDictionary(cluster => cluster.Target.Context, StringComparer.Ordinal);
        Selector = Clusters.Count == 0
            ? null
            : new BackendSelector("context", "context", [.. Clusters.Select(c => c.Target.Context)], Clusters[0].Target.Context,
                tool => tool != StatusTool, listed ? writable : null, "Kubernetes__WriteContexts");
    }

    public KubernetesOptions Options { get; }

    /// <summary>Every allowed context, the default first; empty when no cluster is configured.</summary>
    public IReadOnlyList<KubernetesCluster> Clusters { get; }

    /// <summary>Chooses the context per call; null when no cluster is configured.</summary>
    public BackendSelector? Selector { get; }

    /// <summary>True when several contexts are served, so tools advertise <c>context</c>.</summary>
    public bool IsMultiCluster => Clusters.Count > 1;

    /// <summary>The cluster of the call in progress, or null when none is configured.</summary>
    public KubernetesCluster? Current => Selector is null ? null : _clusters[Selector.Current];

    /// <summary>The context of the call in progress, or null when none is configured.</summary>
    public KubernetesTarget? Target => Current?.Target;

    /// <summary>What to tell a caller when no cluster is configured.</summary>
    public static string NotConfiguredMessage =>
        "no cluster configured: set KUBECONFIG (or Kubernetes__Kubeconfig) to a kubeconfig file, or Kubernetes__InCluster=true in a pod";

    /// <summary>The typed API client of the call's context; a tool call without a cluster gets <see cref="NotConfiguredMessage"/>.</summary>
    public IKubernetes Client => Cluster.Client;

    /// <summary>The namespace a tool uses when the caller names none.</summary>
    public string DefaultNamespace => Target?.Namespace ?? "default";

    private KubernetesCluster Cluster => Current ?? throw new ToolFailureException(NotConfiguredMessage + ".");

    /// <summary>Asks the API server of the call's context for its version.</summary>
    public Task<string> GetServerVersionAsync(CancellationToken cancellationToken) => Cluster.GetServerVersionAsync(cancellationToken);

    /// <inheritdoc cref="KubernetesCluster.GetJsonAsync"/>
    public Task<JsonNode> GetJsonAsync(string pathAndQuery, CancellationToken cancellationToken, string accept = "application/json") =>
        Cluster.GetJsonAsync(pathAndQuery, cancellationToken, accept);

    public void Dispose()
    {
        foreach (var cluster in Clusters)
            cluster.Dispose();
    }
}
