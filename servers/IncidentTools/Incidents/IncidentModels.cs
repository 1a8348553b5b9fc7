namespace SreSuite.IncidentTools.Incidents;

/// <summary>Filters of an incident list; empty lists mean "any".</summary>
public sealed record IncidentQuery(
    IReadOnlyList<string> Statuses,
    IReadOnlyList<string> ServiceIds,
    IReadOnlyList<string> Urgencies,
    DateTimeOffset? Since,
    DateTimeOffset? Until,
    int Limit);

public sealed record IncidentSummary(
    string Id,
    string? Number,
    string Title,
    string Status,
    string Urgency,
    string ServiceId,
    string ServiceName,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt,
    IReadOnlyList<string> Assignees,
    string? Url);

/// <summary>One page of incidents; <paramref name="More"/> says the provider has more beyond it.</summary>
public sealed record IncidentPage(IReadOnlyList<IncidentSummary> Incidents, bool More, int? Total);

/// <summary>One entry of an incident's own timeline (a PagerDuty log entry).</summary>
public sealed record IncidentEvent(DateTimeOffset At, string Kind, string Summary);

public sealed record IncidentNote(DateTimeOffset At, string Author, string Content);

public sealed record IncidentAlert(DateTimeOffset At, string Status, string? Severity, string Summary);

/// <summary>
/// Everything about one incident. <paramref name="TimelineMore"/> says log entries exist beyond
/// <paramref name="Timeline"/>; <paramref name="TimelineTotal"/> is null when the provider did not count them.
/// </summary>
public sealed record IncidentDetail(
    IncidentSummary Summary,
    string? EscalationPolicy,
    IReadOnlyList<string> Acknowledgers,
    int? AlertCount,
    IReadOnlyList<IncidentAlert> Alerts,
    IReadOnlyList<IncidentEvent> Timeline,
    bool TimelineMore,
    int? TimelineTotal,
    IReadOnlyList<IncidentNote> Notes);

/// <summary>Whose on-call to show: a provider service, a schedule or an escalation policy.</summary>
public sealed record OnCallQuery(string? ServiceId, string? ScheduleId, string? EscalationPolicyId);

public sealed record OnCallShift(int Level, string User, string? Schedule, string EscalationPolicy, DateTimeOffset? Start, DateTimeOffset? End);

/// <summary>The shifts on call now; <paramref name="Target"/> describes what was asked (e.g. the escalation policy of a service).</summary>
public sealed record OnCallResult(string Target, IReadOnlyList<OnCallShift> Shifts);
