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
        this IResourceBuilder<ProjectResource> server, IConfiguration configuration, DemoKubernetes? demo)
    {
        var kubeconfig = configuration["Parameters:kubeconfig"] ?? configuration["KUBECONFIG"];
        if (!string.IsNullOrWhiteSpace(kubeconfig))
            return server.WithEnvironment("KUBECONFIG", kubeconfig);
        if (demo is null)
            return server.WithEnvironment("KUBECONFIG", string.Empty);
        return server.WithEnvironment("KUBECONFIG", demo.Kubeconfig)
            .WithEnvironment("Demo__Backends", "kubernetes")
            .WaitFor(demo.Fixture);
    }

    /// <summary>Sets <paramref name="variable"/> to the backend's HTTP URL when the backend runs.</summary>
    public static IResourceBuilder<ProjectResource> WithBackendUrl(
        this IResourceBuilder<ProjectResource> server, string variable, IResourceBuilder<ExecutableResource>? backend) =>
        backend is null ? server : server.WithEnvironment(variable, backend.GetEndpoint("http"));

    /// <summary>
    /// Points the server at real PagerDuty and GitHub when their tokens are set in the AppHost's environment,
    /// otherwise at the demo fixture, labelled as demo.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithIncidentBackends(
        this IResourceBuilder<ProjectResource> server, IConfiguration configuration, DemoEnvironment demo, IResourceBuilder<ProjectResource>? fixture)
    {
        foreach (var variable in new[] { "PAGERDUTY_TOKEN", "GITHUB_TOKEN" })
        {
            if (!string.IsNullOrWhiteSpace(configuration[variable]))
                server.WithEnvironment(variable, configuration[variable]);
        }

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
}
