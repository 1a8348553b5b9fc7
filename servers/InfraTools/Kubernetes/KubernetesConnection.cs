using System.Text.Json.Nodes;
using k8s;
using Microsoft.Extensions.Options;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Kubernetes;

/// <summary>The pinned cluster and one shared API client for it, every call going through the access layer.</summary>
public sealed class KubernetesConnection : IDisposable
{
    /// <summary>Accept header asking the API server to print a list as a Table (kubectl's columns).</summary>
    public const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io, application/json";

    private readonly Lazy<k8s.Kubernetes?> _client;

    public KubernetesConnection(IOptions<KubernetesOptions> options, IOptionsMonitor<ToolPolicyOptions> policy, SecretScrubber scrubber)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scrubber);
        Options = options.Value;
        Target = KubeconfigReader.Read(Options);
        // Before any call: an API server that echoes the kubeconfig's credentials must find them masked.
        scrubber.AddRuntimeSecrets(Target?.Credentials ?? []);
        _client = new Lazy<k8s.Kubernetes?>(() =>
        {
            if (Target is null)
                return null;
            // The access layer times calls out first, so a slow API server yields its clear message.
            Target.ClientConfiguration.HttpClientTimeout = TimeSpan.FromSeconds(Math.Clamp(Options.TimeoutSeconds, 1, 300) + 5);
            return new k8s.Kubernetes(Target.ClientConfiguration, new KubernetesAccessHandler(Options, policy, Target.Context, scrubber));
        });
    }

    public KubernetesOptions Options { get; }

    /// <summary>The pinned cluster, or null when none is configured.</summary>
    public KubernetesTarget? Target { get; }

    /// <summary>What to tell a caller when no cluster is configured.</summary>
    public static string NotConfiguredMessage =>
        "no cluster configured: set KUBECONFIG (or Kubernetes__Kubeconfig) to a kubeconfig file, or Kubernetes__InCluster=true in a pod";

    /// <summary>The typed API client; a tool call without a cluster gets <see cref="NotConfiguredMessage"/>.</summary>
    public IKubernetes Client => Concrete;

    /// <summary>The namespace a tool uses when the caller names none.</summary>
    public string DefaultNamespace => Target?.Namespace ?? "default";

    private k8s.Kubernetes Concrete => _client.Value ?? throw new ToolFailureException(NotConfiguredMessage + ".");

    /// <summary>Asks the API server for its version.</summary>
    public async Task<string> GetServerVersionAsync(CancellationToken cancellationToken)
    {
        var version = await Client.Version.GetCodeAsync(cancellationToken);
        return version.GitVersion;
    }

    /// <summary>
    /// GETs an API path the typed client has no method for (Tables, discovery, any resource by path, metrics)
    /// through the same access layer, and returns the scrubbed JSON.
    /// </summary>
    public async Task<JsonNode> GetJsonAsync(string pathAndQuery, CancellationToken cancellationToken, string accept = "application/json")
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var client = Concrete;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseUri, pathAndQuery.TrimStart('/')));
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (client.Credentials is { } credentials)
            await credentials.ProcessHttpRequestAsync(request, cancellationToken);
        using var response = await client.HttpClient.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return JsonNode.Parse(body) ?? throw new ToolFailureException($"the API server answered GET {request.RequestUri?.AbsolutePath} with an empty body.");
    }

    public void Dispose()
    {
        if (_client.IsValueCreated)
            _client.Value?.Dispose();
    }
}
