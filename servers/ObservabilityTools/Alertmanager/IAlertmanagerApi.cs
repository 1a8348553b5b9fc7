using Refit;

namespace SreSuite.ObservabilityTools.Alertmanager;

/// <summary>The Alertmanager v2 API (OpenAPI spec in prometheus/alertmanager, api/v2/openapi.yaml).</summary>
public interface IAlertmanagerApi
{
    [Get("/api/v2/status")]
    Task<AlertmanagerStatus> GetStatusAsync(CancellationToken cancellationToken);
}
