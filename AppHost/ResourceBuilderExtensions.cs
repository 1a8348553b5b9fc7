using Microsoft.Extensions.Configuration;

namespace SreSuite.AppHost;

internal static class ResourceBuilderExtensions
{
    /// <summary>
    /// Passes the kubeconfig named by the AppHost's <c>KUBECONFIG</c> (or the <c>Parameters:kubeconfig</c> setting)
    /// to the server explicitly; without one, the demo cluster's, labelled as demo; with demo off, none. A personal
    /// <c>~/.kube/config</c> is never picked up by accident.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithKubeconfig(
        this IResourceBuilder<ProjectResource> server, IConfiguration configuration, IReadOnlyList<DemoKubernetes> demo)
    {
        var kubeconfig = configuration["Parameters:kubeconfig"] ?? configuration["KUBECONFIG"];
        if (!string.IsNullOrWhiteSpace(kubeconfig))
            return server.WithEnvironment("KUBECONFIG", kubeconfig).WithSettingsFrom(configuration, "Kubernetes:Context", "Kubernetes:Namespace");
        if (demo.Count == 0)
            return server.WithEnvironment("KUBECONFIG", string.Empty);
        // Several demo clusters: their kubeconfigs merged (':' as kubectl does), each context served, the first the
        // default, none writable unless Kubernetes__WriteContexts says so.
        server.WithEnvironment("KUBECONFIG", string.Join(Path.PathSeparator, demo.Select(cluster => cluster.Kubeconfig)))
            .WithEnvironment("Demo__Backends", "kubernetes");
        if (demo.Count > 1)
            server.WithEnvironment("Kubernetes__Contexts", string.Join(',', demo.Select(cluster => cluster.Context)))
                .WithSettingsFrom(configuration, "Kubernetes:WriteContexts");
        foreach (var cluster in demo)
            server.WaitFor(cluster.Fixture);
        return server;
    }

    /// <summary>
    /// Points the server at the real Prometheus and Alertmanager named in the AppHost's environment, or at the ones the
    /// AppHost runs (labelled as demo when they hold the demo history).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithMonitoring(
        this IResourceBuilder<ProjectResource> server, IConfiguration configuration, DemoEnvironment demo, Monitoring monitoring)
    {
        server.WithSettingsFrom(configuration, "PROMETHEUS_URL", "ALERTMANAGER_URL");

        if (monitoring.Prometheus is { } prometheus)
            server.WithEnvironment("PROMETHEUS_URL", prometheus.GetEndpoint("http"));
        if (monitoring.Alertmanager is { } alertmanager)
            server.WithEnvironment("ALERTMANAGER_URL", alertmanager.GetEndpoint("http"));
        if (demo.Monitoring && monitoring.Prometheus is not null)
            server.WithEnvironment("Demo__Backends", monitoring.Alertmanager is null ? "prometheus" : "prometheus,alertmanager");
        return server;
    }

    /// <summary>
    /// Points the server at real PagerDuty and GitHub when their tokens are set in the AppHost's environment,
    /// otherwise at the demo fixture, labelled as demo.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithIncidentBackends(
        this IResourceBuilder<ProjectResource> server, IConfiguration configuration, DemoEnvironment demo, IResourceBuilder<ProjectResource>? fixture)
    {
        server.WithSettingsFrom(configuration, "PAGERDUTY_TOKEN", "PagerDuty:Url", "PagerDuty:From", "GITHUB_TOKEN", "GitHub:Url", "GitHub:DeployWorkflows");

        if (fixture is null)
            return server;
        var endpoint = fixture.GetEndpoint("http");
        var demoBackends = new List<string>();
        if (demo.PagerDuty)
        {
            demoBackends.Add("pagerduty");
            server.WithEnvironment("PAGERDUTY_TOKEN", $"{DemoEnvironment.TokenPrefix}-pagerduty")
                .WithEnvironment("PagerDuty__Url", ReferenceExpression.Create($"{endpoint}/pagerduty"))
                .WithEnvironment("PagerDuty__From", "priya.raman@acme.example");
        }

        if (demo.GitHub)
        {
            demoBackends.Add("github");
            server.WithEnvironment("GITHUB_TOKEN", $"{DemoEnvironment.TokenPrefix}-github")
                .WithEnvironment("GitHub__Url", ReferenceExpression.Create($"{endpoint}/github"))
                .WithEnvironment("GitHub__DeployWorkflows", "deploy.yml");
        }

        return server.WithEnvironment("Demo__Backends", string.Join(',', demoBackends)).WaitFor(fixture);
    }

    /// <summary>Hands the AppHost's own settings of a backend to the server explicitly, as environment variables.</summary>
    private static IResourceBuilder<ProjectResource> WithSettingsFrom(
        this IResourceBuilder<ProjectResource> server, IConfiguration configuration, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (!string.IsNullOrWhiteSpace(configuration[key]))
                server.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), configuration[key]);
        }

        return server;
    }
}
