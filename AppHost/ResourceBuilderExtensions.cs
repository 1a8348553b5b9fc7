using Microsoft.Extensions.Configuration;

namespace SreSuite.AppHost;

internal static class ResourceBuilderExtensions
{
    /// <summary>
    /// Passes the kubeconfig named by the AppHost's <c>KUBECONFIG</c> (or the <c>Parameters:kubeconfig</c> setting)
    /// to the server explicitly. With neither set the server runs with no cluster: a personal
    /// <c>~/.kube/config</c> is never picked up by accident.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithExplicitKubeconfig(this IResourceBuilder<ProjectResource> server, IConfiguration configuration)
    {
        var kubeconfig = configuration["Parameters:kubeconfig"] ?? configuration["KUBECONFIG"];
        return string.IsNullOrWhiteSpace(kubeconfig)
            ? server.WithEnvironment("KUBECONFIG", string.Empty)
            : server.WithEnvironment("KUBECONFIG", kubeconfig);
    }

    /// <summary>Sets <paramref name="variable"/> to the backend's HTTP URL when the backend runs.</summary>
    public static IResourceBuilder<ProjectResource> WithBackendUrl(
        this IResourceBuilder<ProjectResource> server, string variable, IResourceBuilder<ExecutableResource>? backend) =>
        backend is null ? server : server.WithEnvironment(variable, backend.GetEndpoint("http"));
}
