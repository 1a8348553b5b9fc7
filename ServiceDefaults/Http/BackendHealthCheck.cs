using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SreSuite.ServiceDefaults.Http;

/// <summary>Ready when the backend answers its probe; degraded (still serving) when it is not configured.</summary>
public sealed class BackendHealthCheck<TBackend>(TBackend backend) : IHealthCheck
    where TBackend : IBackend
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!backend.IsConfigured)
            return HealthCheckResult.Degraded(backend.NotConfiguredMessage);
        try
        {
            return HealthCheckResult.Healthy(await backend.ProbeAsync(cancellationToken));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{backend.DisplayName} unreachable ({backend.DescribeFailure(ex)})");
        }
    }
}
