using Refit;

namespace SreSuite.IncidentTools.Incidents.PagerDuty;

/// <summary>
/// The PagerDuty REST API v2 calls IncidentTools makes. The token and the v2 <c>Accept</c> header are added where
/// the client is registered (<c>IncidentSources</c>); times are sent as UTC with a Z and <c>time_zone=UTC</c>, since
/// PagerDuty otherwise reads them in the account's time zone. Booleans are sent as lower-case strings.
/// </summary>
public interface IPagerDutyApi
{
    [Get("/abilities")]
    Task<PdAbilities> GetAbilitiesAsync(CancellationToken cancellationToken);

    [Get("/incidents")]
    Task<PdIncidentList> ListIncidentsAsync(
        [Query(CollectionFormat.Multi)][AliasAs("statuses[]")] IEnumerable<string>? statuses,
        [Query(CollectionFormat.Multi)][AliasAs("service_ids[]")] IEnumerable<string>? serviceIds,
        [Query(CollectionFormat.Multi)][AliasAs("urgencies[]")] IEnumerable<string>? urgencies,
        [AliasAs("since")] string? since,
        [AliasAs("until")] string? until,
        [AliasAs("limit")] int limit,
        [AliasAs("offset")] int offset,
        [AliasAs("sort_by")] string sortBy,
        [AliasAs("time_zone")] string timeZone,
        CancellationToken cancellationToken);

    [Get("/incidents/{id}")]
    Task<PdIncidentEnvelope> GetIncidentAsync(string id, CancellationToken cancellationToken);

    [Get("/incidents/{id}/log_entries")]
    Task<PdLogEntryList> ListLogEntriesAsync(
        string id,
        [AliasAs("limit")] int limit,
        [AliasAs("offset")] int offset,
        [AliasAs("total")] string total,
        [AliasAs("is_overview")] string isOverview,
        [AliasAs("time_zone")] string timeZone,
        CancellationToken cancellationToken);

    [Get("/incidents/{id}/notes")]
    Task<PdNoteList> ListNotesAsync(string id, CancellationToken cancellationToken);

    [Get("/incidents/{id}/alerts")]
    Task<PdAlertList> ListAlertsAsync(string id, [AliasAs("limit")] int limit, CancellationToken cancellationToken);

    [Post("/incidents/{id}/notes")]
    Task<PdNoteEnvelope> AddNoteAsync(string id, [Header("From")] string from, [Body] PdNoteRequest note, CancellationToken cancellationToken);

    [Put("/incidents/{id}")]
    Task<PdIncidentEnvelope> UpdateIncidentAsync(string id, [Header("From")] string from, [Body] PdIncidentUpdateRequest update, CancellationToken cancellationToken);

    [Get("/oncalls")]
    Task<PdOncallList> ListOncallsAsync(
        [Query(CollectionFormat.Multi)][AliasAs("escalation_policy_ids[]")] IEnumerable<string>? escalationPolicyIds,
        [Query(CollectionFormat.Multi)][AliasAs("schedule_ids[]")] IEnumerable<string>? scheduleIds,
        [AliasAs("limit")] int limit,
        [AliasAs("time_zone")] string timeZone,
        CancellationToken cancellationToken);

    [Get("/services/{id}")]
    Task<PdServiceEnvelope> GetServiceAsync(string id, CancellationToken cancellationToken);
}
