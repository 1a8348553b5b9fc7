using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SreSuite.InfraTools.Kubernetes;

/// <summary>Ready when the pinned API server answers; degraded (still serving) when none is configured.</summary>
internal sealed class KubernetesHealthCheck(KubernetesConnection kube) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (kube.Target is null)
            return HealthCheckResult.Degraded(KubernetesConnection.NotConfiguredMessage);
        try
        {
            var version = await kube.GetServerVersionAsync(cancellationToken);
            return HealthCheckResult.Healthy($"context {kube.Target.Context}, Kubernetes {version}");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"context {kube.Target.Context}: API server unreachable ({KubernetesErrors.Describe(ex)})");
        }
    }
}
