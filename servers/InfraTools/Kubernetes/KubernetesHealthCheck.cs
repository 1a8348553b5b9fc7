using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SreSuite.InfraTools.Kubernetes;

/// <summary>
/// Ready when the API server answers; degraded (still serving) when no cluster is configured or when a context other
/// than the default is unreachable. One check per allowed context when there are several (<paramref name="contextName"/>),
/// else one for the pinned context.
/// </summary>
internal sealed class KubernetesHealthCheck(KubernetesConnection kube, string? contextName = null) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var cluster = contextName is null ? (kube.Clusters.Count == 0 ? null : kube.Clusters[0]) : kube.Clusters.FirstOrDefault(c => c.Target.Context == contextName);
        if (cluster is null)
            return HealthCheckResult.Degraded(KubernetesConnection.NotConfiguredMessage);
        try
        {
            var version = await cluster.GetServerVersionAsync(cancellationToken);
            return HealthCheckResult.Healthy($"context {cluster.Target.Context}, Kubernetes {version}");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Another context being down leaves the server serving the default one: degraded, not out of rotation.
            var message = $"context {cluster.Target.Context}: API server unreachable ({KubernetesErrors.Describe(ex)})";
            return cluster == kube.Clusters[0] ? HealthCheckResult.Unhealthy(message) : HealthCheckResult.Degraded(message);
        }
    }
}
