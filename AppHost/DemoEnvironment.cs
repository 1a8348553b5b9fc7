using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SreSuite.Scenarios;

namespace SreSuite.AppHost;

/// <summary>
/// Which backends the AppHost stands in for with demo fixtures: each one only when its real setting is absent,
/// and none at all with <c>Demo__Enabled=false</c> (then a missing backend is reported as missing).
/// </summary>
internal sealed record DemoEnvironment(bool Kubernetes, bool Monitoring, bool PagerDuty, bool GitHub)
{
    /// <summary>The scenario the fixtures play (docs/scenarios.md); the payments story unless <c>--scenario</c> names another.</summary>
    public string ScenarioName { get; init; } = ScenarioCatalog.DefaultName;

    /// <summary>The scenario's fault class, for the banner.</summary>
    public string ScenarioFaultClass { get; init; } = "crash-loop";

    /// <summary>The scenario's folder, passed to the fixtures that read it.</summary>
    public string? ScenarioFolder { get; init; }

    /// <summary>With <c>--clusters</c>: one demo cluster per context, each playing its own scenario; else empty (one cluster, context "demo").</summary>
    public IReadOnlyList<DemoCluster> Clusters { get; init; } = [];

    /// <summary>
    /// The one "now" every demo fixture tells its story around, so the deploy, the crash loop, the 5xx spike and the
    /// incident line up to the second across the three servers.
    /// </summary>
    public string Now { get; } = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>The token the demo Kubernetes fixture expects (KubeFixtureOptions' default).</summary>
    public const string KubernetesToken = "kube-fixture-token";

    /// <summary>Prefix of the demo PagerDuty, GitHub and runbook API tokens; they guard nothing real.</summary>
    public const string TokenPrefix = "demo";

    public static DemoEnvironment From(IConfiguration configuration, Scenario? scenario = null, IReadOnlyList<DemoCluster>? clusters = null)
    {
        var enabled = !string.Equals(configuration["Demo:Enabled"], "false", StringComparison.OrdinalIgnoreCase);
        return new DemoEnvironment(
            Kubernetes: enabled && string.IsNullOrWhiteSpace(configuration["Parameters:kubeconfig"] ?? configuration["KUBECONFIG"]),
            // The demo history needs a local Prometheus to hold it.
            Monitoring: enabled && string.IsNullOrWhiteSpace(configuration["PROMETHEUS_URL"]) && Executables.Find("prometheus") is not null,
            PagerDuty: enabled && string.IsNullOrWhiteSpace(configuration["PAGERDUTY_TOKEN"]),
            GitHub: enabled && string.IsNullOrWhiteSpace(configuration["GITHUB_TOKEN"]))
        {
            ScenarioName = scenario?.Name ?? ScenarioCatalog.DefaultName,
            ScenarioFolder = scenario?.Folder,
            ScenarioFaultClass = scenario?.FaultClass ?? "crash-loop",
            Clusters = clusters ?? [],
        };
    }

    public bool Incidents => PagerDuty || GitHub;

    /// <summary>
    /// IncidentTools' <c>Runbooks__Path</c> and <c>Catalog__Path</c> for the scenario: its <c>runbooks/</c> folder (an empty
    /// one when it has none, so the server starts with no runbooks rather than another story's) and its <c>catalog.yaml</c>.
    /// </summary>
    public (string Runbooks, string Catalog) ScenarioRunbooksAndCatalog(SuitePaths samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (ScenarioFolder is not { } folder)
            return (samples.Runbooks, samples.Catalog);
        var runbooks = Path.Combine(folder, "runbooks");
        if (!Directory.Exists(runbooks))
            runbooks = Directory.CreateTempSubdirectory("sresuite-no-runbooks-").FullName;
        return (runbooks, Path.Combine(folder, "catalog.yaml"));
    }
}

internal static class DemoResources
{
    /// <summary>
    /// The fake Kubernetes API servers: one playing the scenario's cluster (its objects, events and logs) as context
    /// "demo", or with <c>--clusters</c> one per named context, each playing its own scenario.
    /// </summary>
    public static IReadOnlyList<DemoKubernetes> AddDemoClusters(this IDistributedApplicationBuilder builder, DemoEnvironment demo) =>
        demo.Clusters.Count == 0
            ? [builder.AddDemoKubernetes("demo-kubernetes", demo.Now, "demo", demo.ScenarioFolder)]
            : [.. demo.Clusters.Select(cluster => builder.AddDemoKubernetes($"demo-kubernetes-{cluster.Context}", demo.Now, cluster.Context, cluster.Scenario.Folder))];

    /// <summary>
    /// One fake Kubernetes API server over HTTPS, and the path of the kubeconfig it writes for itself (one context,
    /// <paramref name="context"/>, so several merge into one kubeconfig as kubectl merges files).
    /// </summary>
    private static DemoKubernetes AddDemoKubernetes(this IDistributedApplicationBuilder builder, string name, string now, string context, string? scenarioFolder)
    {
        var port = MonitoringResources.FreeLoopbackPort();
        var kubeconfig = Path.Combine(Directory.CreateTempSubdirectory("sresuite-demo-kube-").FullName, "kubeconfig");
        // The fixture serves HTTPS with a CA of its own and writes the kubeconfig (server, CA, token) once it listens:
        // client-go clients (kubectl, the Go kubernetes-mcp-server) send the token only over TLS.
        string[] scenario = scenarioFolder is { } folder ? ["--scenario", folder] : [];
        var fixture = builder.AddProject<Projects.KubeFixture>(name)
            .WithArgs(["--port", port.ToString(CultureInfo.InvariantCulture), "--now", now, "--https", "--kubeconfig", kubeconfig, "--context", context, .. scenario])
            .WithHttpsEndpoint(port: port, targetPort: port, name: "https", isProxied: false)
            .WithHealthCheck(KubeconfigWrittenCheck(builder, name, kubeconfig));
        return new DemoKubernetes(fixture, kubeconfig, context);
    }

    /// <summary>
    /// Ready once the fixture has written the kubeconfig with its CA (it does so after it starts listening); the AppHost
    /// cannot call it over TLS itself without that CA, and the servers read the kubeconfig only after this.
    /// </summary>
    private static string KubeconfigWrittenCheck(IDistributedApplicationBuilder builder, string name, string kubeconfig)
    {
        var key = $"{name}-kubeconfig";
        builder.Services.AddHealthChecks().AddCheck(key, () =>
            File.Exists(kubeconfig) && File.ReadAllText(kubeconfig).Contains("certificate-authority-data:", StringComparison.Ordinal)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{kubeconfig} not written yet"));
        return key;
    }

    /// <summary>The fake PagerDuty and GitHub APIs serving the scenario's incidents, on-call, deployments, runs and commits.</summary>
    public static IResourceBuilder<ProjectResource> AddDemoIncidents(this IDistributedApplicationBuilder builder, string name, DemoEnvironment demo)
    {
        var port = MonitoringResources.FreeLoopbackPort();
        string[] scenario = demo.ScenarioFolder is { } folder ? ["--scenario", folder] : [];
        return builder.AddProject<Projects.IncidentFixtures>(name)
            .WithArgs(["--port", port.ToString(CultureInfo.InvariantCulture), "--now", demo.Now, "--token-prefix", DemoEnvironment.TokenPrefix, .. scenario])
            .WithHttpEndpoint(port: port, targetPort: port, name: "http", isProxied: false)
            .WithHttpHealthCheck("/");
    }
}

/// <summary>The demo cluster and the kubeconfig that points at it.</summary>
internal sealed record DemoKubernetes(IResourceBuilder<ProjectResource> Fixture, string Kubeconfig, string Context);
