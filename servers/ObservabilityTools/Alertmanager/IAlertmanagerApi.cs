using Refit;

namespace SreSuite.ObservabilityTools.Alertmanager;

/// <summary>The Alertmanager v2 API (OpenAPI spec in prometheus/alertmanager, api/v2/openapi.yaml).</summary>
public interface IAlertmanagerApi
{
    [Get("/api/v2/status")]
    Task<AlertmanagerStatus> GetStatusAsync(CancellationToken cancellationToken);

    /// <param name="filter">Matchers such as <c>alertname="X"</c>, each one repeated <c>filter</c> parameter.</param>
    [Get("/api/v2/alerts/groups")]
    Task<IReadOnlyList<AlertGroup>> GetAlertGroupsAsync(
        [Query(CollectionFormat.Multi)] IEnumerable<string>? filter, bool? active, bool? silenced, bool? inhibited, CancellationToken cancellationToken);

    [Get("/api/v2/alerts")]
    Task<IReadOnlyList<GettableAlert>> GetAlertsAsync(
        [Query(CollectionFormat.Multi)] IEnumerable<string>? filter, bool? active, bool? silenced, bool? inhibited, CancellationToken cancellationToken);

    [Get("/api/v2/silences")]
    Task<IReadOnlyList<GettableSilence>> GetSilencesAsync([Query(CollectionFormat.Multi)] IEnumerable<string>? filter, CancellationToken cancellationToken);

    [Get("/api/v2/silence/{silenceId}")]
    Task<GettableSilence> GetSilenceAsync(string silenceId, CancellationToken cancellationToken);

    [Post("/api/v2/silences")]
    Task<SilenceCreated> CreateSilenceAsync([Body] PostableSilence silence, CancellationToken cancellationToken);

    [Delete("/api/v2/silence/{silenceId}")]
    Task ExpireSilenceAsync(string silenceId, CancellationToken cancellationToken);
}
