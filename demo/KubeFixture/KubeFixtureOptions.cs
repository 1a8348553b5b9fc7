namespace SreSuite.KubeFixture;

/// <summary>Whether the cluster serves metrics.k8s.io, as when metrics-server is installed, missing or down.</summary>
public enum MetricsServer
{
    /// <summary>metrics-server installed and answering.</summary>
    Available,

    /// <summary>No metrics-server: metrics.k8s.io is not in discovery and its paths answer 404.</summary>
    Absent,

    /// <summary>The APIService is registered but its backend is down: 503.</summary>
    Unavailable,
}

/// <summary>An RBAC denial the fixture applies: requests matching it get the API server's 403.</summary>
/// <param name="Verb">get, list, watch, patch, delete, … or <c>*</c>.</param>
/// <param name="Resource">Plural resource, with <c>/subresource</c> when it applies (e.g. <c>pods/log</c>), or <c>*</c>.</param>
/// <param name="Namespace">The namespace the rule covers; null for every namespace and cluster-scoped requests.</param>
public sealed record ForbiddenRule(string Verb, string Resource, string? Namespace = null);

public sealed class KubeFixtureOptions
{
    /// <summary>Port on 127.0.0.1; 0 lets the OS pick one.</summary>
    public int Port { get; set; }

    /// <summary>
    /// Serve HTTPS with the fixture's own CA written into the kubeconfig, as a real API server does. Needed by client-go
    /// (kubectl, the Go kubernetes-mcp-server), which sends the bearer token only over TLS.
    /// </summary>
    public bool Https { get; set; }

    /// <summary>The "now" every demo timestamp is relative to; the current time when null.</summary>
    public DateTimeOffset? Now { get; set; }

    public MetricsServer Metrics { get; set; } = MetricsServer.Available;

    /// <summary>
    /// Serves a <see cref="Cluster.GeneratedCluster"/> of about this many pods instead of a scenario, for
    /// answers at scale; null (the default) plays <see cref="Scenario"/>.
    /// </summary>
    public int? GeneratedPods { get; set; }

    /// <summary>
    /// A scenario to play (docs/scenarios.md): a library name (<c>payments-deploy-crashloop</c>) or the path of any
    /// folder holding a scenario.yaml. Its objects, events, generated clusters and container logs are served, its times
    /// moved onto <see cref="Now"/>. Null (the default) plays the library's default story, payments-deploy-crashloop.
    /// </summary>
    public string? Scenario { get; set; }

    /// <summary>The bearer token the API server accepts (written into the kubeconfig).</summary>
    public string Token { get; set; } = "kube-fixture-token";

    /// <summary>Who the token authenticates as.</summary>
    public string User { get; set; } = "sre-bot";

    /// <summary>Context and cluster name written into the kubeconfig.</summary>
    public string ContextName { get; set; } = "demo";

    /// <summary>Default namespace of the kubeconfig's context.</summary>
    public string Namespace { get; set; } = "payments";

    /// <summary>Where to write the kubeconfig; a new temporary file when null.</summary>
    public string? KubeconfigPath { get; set; }

    public List<ForbiddenRule> Forbidden { get; } = [];
}
