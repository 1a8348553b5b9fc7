using k8s;
using Microsoft.Extensions.Options;

namespace SreSuite.InfraTools.Kubernetes;

/// <summary>The pinned cluster and one shared API client for it.</summary>
public sealed class KubernetesConnection : IDisposable
{
    private readonly Lazy<IKubernetes?> _client;

    public KubernetesConnection(IOptions<KubernetesOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        Target = KubeconfigReader.Read(Options);
        _client = new Lazy<IKubernetes?>(() => Target is null ? null : new k8s.Kubernetes(Target.ClientConfiguration));
    }

    public KubernetesOptions Options { get; }

    /// <summary>The pinned cluster, or null when none is configured.</summary>
    public KubernetesTarget? Target { get; }

    /// <summary>What to tell a caller when no cluster is configured.</summary>
    public static string NotConfiguredMessage =>
        "no cluster configured: set KUBECONFIG (or Kubernetes__Kubeconfig) to a kubeconfig file, or Kubernetes__InCluster=true in a pod";

    /// <summary>The API client; throws with <see cref="NotConfiguredMessage"/> when no cluster is configured.</summary>
    public IKubernetes Client => _client.Value ?? throw new InvalidOperationException(NotConfiguredMessage);

    /// <summary>Asks the API server for its version, within the configured timeout.</summary>
    public async Task<string> GetServerVersionAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Clamp(Options.TimeoutSeconds, 1, 300)));
        var version = await Client.Version.GetCodeAsync(timeout.Token);
        return version.GitVersion;
    }

    public void Dispose()
    {
        if (_client.IsValueCreated)
            _client.Value?.Dispose();
    }
}
