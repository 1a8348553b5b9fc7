using System.Text.Json.Nodes;
using k8s;
using Microsoft.Extensions.Options;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Kubernetes;

/// <summary>
/// One allowed context and its API client, created once on first use and reused by every call (no reconnect, no new
/// client per call or per context switch); every request goes through the access layer, which knows whether this
/// context may be changed.
/// </summary>
public sealed class KubernetesCluster : IDisposable
{
    private readonly Lazy<k8s.Kubernetes> _client;

    public KubernetesCluster(KubernetesTarget target, bool writable, KubernetesOptions options, IOptionsMonitor<ToolPolicyOptions> policy, SecretScrubber scrubber)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        Target = target;
        Writable = writable;
        _client = new Lazy<k8s.Kubernetes>(() =>
        {
            // The access layer times calls out first, so a slow API server yields its clear message.
            target.ClientConfiguration.HttpClientTimeout = TimeSpan.FromSeconds(Math.Clamp(options.TimeoutSeconds, 1, 300) + 5);
            return new k8s.Kubernetes(target.ClientConfiguration, new KubernetesAccessHandler(options, policy, target.Context, scrubber, writable));
        });
    }

    public KubernetesTarget Target { get; }

    /// <summary>Whether enabled write tools may act on this context (<c>Kubernetes__WriteContexts</c>).</summary>
    public bool Writable { get; }

    public IKubernetes Client => _client.Value;

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
        var client = _client.Value;
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
            _client.Value.Dispose();
    }
}
