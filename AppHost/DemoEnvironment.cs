using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace SreSuite.AppHost;

/// <summary>
/// Which backends the AppHost stands in for with demo fixtures: each one only when its real setting is absent,
/// and none at all with <c>Demo__Enabled=false</c> (then a missing backend is reported as missing).
/// </summary>
internal sealed record DemoEnvironment(bool Kubernetes, bool Monitoring, bool PagerDuty, bool GitHub)
{
    /// <summary>
    /// The one "now" every demo fixture tells its story around, so the deploy, the crash loop, the 5xx spike and the
    /// incident line up to the second across the three servers.
    /// </summary>
    public string Now { get; } = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>The token the demo Kubernetes fixture expects (KubeFixtureOptions' default).</summary>
    public const string KubernetesToken = "kube-fixture-token";

    /// <summary>Prefix of the demo PagerDuty, GitHub and runbook API tokens; they guard nothing real.</summary>
    public const string TokenPrefix = "demo";

    public static DemoEnvironment From(IConfiguration configuration)
    {
        var enabled = !string.Equals(configuration["Demo:Enabled"], "false", StringComparison.OrdinalIgnoreCase);
        return new DemoEnvironment(
            Kubernetes: enabled && string.IsNullOrWhiteSpace(configuration["Parameters:kubeconfig"] ?? configuration["KUBECONFIG"]),
            // The demo history needs a local Prometheus to hold it.
            Monitoring: enabled && string.IsNullOrWhiteSpace(configuration["PROMETHEUS_URL"]) && Executables.Find("prometheus") is not null,
            PagerDuty: enabled && string.IsNullOrWhiteSpace(configuration["PAGERDUTY_TOKEN"]),
            GitHub: enabled && string.IsNullOrWhiteSpace(configuration["GITHUB_TOKEN"]));
    }

    public bool Incidents => PagerDuty || GitHub;
}

internal static class DemoResources
{
    /// <summary>
    /// The fake Kubernetes API server with the demo cluster (a few hundred pods, the payments-api crash loop, OOM
    /// kills, a pending pod, a NotReady node), and a kubeconfig for it that the AppHost writes itself.
    /// </summary>
    public static DemoKubernetes AddDemoKubernetes(this IDistributedApplicationBuilder builder, string name, DemoEnvironment demo)
    {
        var port = MonitoringResources.FreeLoopbackPort();
        var kubeconfig = Path.Combine(Directory.CreateTempSubdirectory("sresuite-demo-kube-").FullName, "kubeconfig");
        File.WriteAllText(kubeconfig, string.Create(CultureInfo.InvariantCulture, $"""
            # The SreSuite AppHost's demo cluster: a fixture API server, not a real cluster.
            apiVersion: v1
            kind: Config
            current-context: demo
            clusters:
              - name: demo
                cluster:
                  server: http://127.0.0.1:{port}
            users:
              - name: sre-bot
                user:
                  token: {DemoEnvironment.KubernetesToken}
            contexts:
              - name: demo
                context:
                  cluster: demo
                  user: sre-bot
                  namespace: payments
            """));
        var fixture = builder.AddProject<Projects.KubeFixture>(name)
            .WithArgs("--port", port.ToString(CultureInfo.InvariantCulture), "--now", demo.Now)
            .WithHttpEndpoint(port: port, targetPort: port, name: "http", isProxied: false)
            .WithHttpHealthCheck("/readyz");
        return new DemoKubernetes(fixture, kubeconfig);
    }

    /// <summary>The fake PagerDuty and GitHub APIs telling the same story (deploy, incident, on-call).</summary>
    public static IResourceBuilder<ProjectResource> AddDemoIncidents(this IDistributedApplicationBuilder builder, string name, DemoEnvironment demo)
    {
        var port = MonitoringResources.FreeLoopbackPort();
        return builder.AddProject<Projects.IncidentFixtures>(name)
            .WithArgs("--port", port.ToString(CultureInfo.InvariantCulture), "--now", demo.Now, "--token-prefix", DemoEnvironment.TokenPrefix)
            .WithHttpEndpoint(port: port, targetPort: port, name: "http", isProxied: false)
            .WithHttpHealthCheck("/");
    }
}

/// <summary>The demo cluster and the kubeconfig that points at it.</summary>
internal sealed record DemoKubernetes(IResourceBuilder<ProjectResource> Fixture, string Kubeconfig);
