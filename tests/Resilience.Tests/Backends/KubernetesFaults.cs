using System.Net;
using SreSuite.KubeFixture;

namespace SreSuite.Resilience.Tests.Backends;

/// <summary>InfraTools with the Kubernetes fixture behind the proxy, through a kubeconfig that points at the proxy.</summary>
public sealed class KubernetesBackend : FaultyBackend
{
    private KubeFixtureServer? _cluster;
    private readonly string _kubeconfig = Path.Combine(Path.GetTempPath(), $"sresuite-resilience-kubeconfig-{Guid.NewGuid():N}.yaml");

    public override string ServerName => "InfraTools";

    public override string HealthCheck => "kubernetes";

    public override ProbeCall Probe { get; } = new("k8s_list_pods", new Dictionary<string, object?> { ["namespace"] = "payments" }, "payments-api-");

    public override ProbeCall LongCall { get; } = new("k8s_events", new Dictionary<string, object?> { ["namespace"] = "payments" }, "BackOff");

    public override FailureAnswer Failure(HttpStatusCode status) => status switch
    {
        HttpStatusCode.InternalServerError => new(Status(500, "InternalError", "Internal error occurred: etcdserver: request timed out"), "500"),
        HttpStatusCode.Forbidden => new(Status(403, "Forbidden", "pods is forbidden: User \\\"sre-bot\\\" cannot list resource \\\"pods\\\" in API group \\\"\\\" in the namespace \\\"payments\\\""), "403"),
        HttpStatusCode.TooManyRequests => new(Status(429, "TooManyRequests", "Too many requests, please try again later.", ("Retry-After", "1")), "429"),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    // The API server's Status object, as kube-apiserver writes it for every failure.
    private static ProxyFault Status(int code, string reason, string message, params (string Name, string Value)[] headers) => ProxyFault.Answer(
        (HttpStatusCode)code,
        $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"{{message}}","reason":"{{reason}}","details":{},"code":{{code}}}""",
        "application/json",
        headers);

    protected override async Task<Uri> StartUpstreamAsync(CancellationToken cancellationToken)
    {
        _cluster = await KubeFixtureServer.StartAsync(new KubeFixtureOptions(), cancellationToken);
        return _cluster.Url;
    }

    protected override async Task<IReadOnlyDictionary<string, string?>> SettingsAsync(Uri proxied, CancellationToken cancellationToken)
    {
        var options = _cluster!.Options;
        await File.WriteAllTextAsync(_kubeconfig, $"""
            apiVersion: v1
            kind: Config
            current-context: {options.ContextName}
            clusters:
              - name: {options.ContextName}-cluster
                cluster:
                  server: {proxied.GetLeftPart(UriPartial.Authority)}
            users:
              - name: {options.User}
                user:
                  token: {options.Token}
            contexts:
              - name: {options.ContextName}
                context:
                  cluster: {options.ContextName}-cluster
                  user: {options.User}
                  namespace: {options.Namespace}
            """ + "\n", cancellationToken);
        return new Dictionary<string, string?>
        {
            ["KUBECONFIG"] = _kubeconfig,
            // The access layer's own deadline stays out of the way: the tool timeout or the client ends a call.
            ["Kubernetes__TimeoutSeconds"] = LongToolTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    protected override async ValueTask StopUpstreamAsync()
    {
        if (_cluster is not null)
            await _cluster.DisposeAsync();
        File.Delete(_kubeconfig);
    }
}

public sealed class KubernetesFaults(KubernetesBackend backend) : BackendFaultContract<KubernetesBackend>(backend);
