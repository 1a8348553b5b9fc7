using SreSuite.ServiceDefaults.Http;

namespace SreSuite.IncidentTools.Incidents;

/// <summary>
/// An incident and on-call system. PagerDuty is the one implemented; Opsgenie or incident.io would be one
/// more implementation. Failures are thrown as <c>ToolFailureException</c> with a message naming the system.
/// </summary>
public interface IIncidentProvider : IBackend
{
    /// <summary>Short name shown to callers, e.g. <c>PagerDuty</c>.</summary>
    string Name { get; }

    /// <summary>Where it is reached, for the status tool (never a secret).</summary>
    string Endpoint { get; }

    string IBackend.DisplayName => Name;

    Task<IncidentPage> ListAsync(IncidentQuery query, CancellationToken cancellationToken);

    /// <summary>The incident with at most <paramref name="maxTimelineEntries"/> log entries, oldest first.</summary>
    Task<IncidentDetail> GetAsync(string id, int maxTimelineEntries, bool overviewOnly, CancellationToken cancellationToken);

    Task<OnCallResult> OnCallAsync(OnCallQuery query, CancellationToken cancellationToken);

    Task<IncidentNote> AddNoteAsync(string id, string content, CancellationToken cancellationToken);

    Task<IncidentSummary> AcknowledgeAsync(string id, CancellationToken cancellationToken);
}
