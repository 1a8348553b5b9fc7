using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SreSuite.ServiceDefaults.Http;

/// <summary>Ready when the backend answers its probe; degraded (still serving) when it is not configured.</summary>
public sealed class HttpBackendHealthCheck<TBackend, TApi>(TBackend backend) : IHealthCheck
    where TBackend : HttpBackend<TApi>
    where TApi : class
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (backend.Url is null)
            return HealthCheckResult.Degraded(backend.NotConfiguredMessage);
        try
        {
            return HealthCheckResult.Healthy(await backend.ProbeAsync(cancellationToken));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{backend.DisplayName} unreachable ({BackendErrors.Describe(ex)})");
        }
    }
}
