using k8s.Autorest;
using SreSuite.ServiceDefaults.Http;

namespace SreSuite.InfraTools.Kubernetes;

/// <summary>Turns client exceptions into one line an operator can act on: the API server's status, else as any backend's failure reads.</summary>
public static class KubernetesErrors
{
    public static string Describe(Exception exception) => exception is HttpOperationException http
        ? $"HTTP {(int)http.Response.StatusCode} {http.Response.ReasonPhrase}".TrimEnd()
        : BackendErrors.Describe(exception);
}
