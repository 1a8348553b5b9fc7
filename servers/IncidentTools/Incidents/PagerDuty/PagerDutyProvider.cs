using System.Globalization;
using Microsoft.Extensions.Options;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.IncidentTools.Incidents.PagerDuty;

/// <summary>Incidents, log entries, notes and on-call from PagerDuty's REST API v2.</summary>
public sealed class PagerDutyProvider(IPagerDutyApi api, IOptions<PagerDutyOptions> options) : IIncidentProvider
{
    // PagerDuty's page size maximum.
    private const int PageSize = 100;

    // offset + limit may not exceed 10,000 (PagerDuty answers 400).
    private const int MaxOffset = 10_000;

    private readonly PagerDutyOptions _options = options.Value;

    public string Name => "PagerDuty";

    public bool IsConfigured => _options.IsConfigured;

    public string Endpoint => _options.Url;

    public string NotConfiguredMessage => "no incident provider configured: set PAGERDUTY_TOKEN (and PagerDuty__Url for the EU region)";

    private IPagerDutyApi Api => IsConfigured ? api : throw new ToolFailureException($"{NotConfiguredMessage}.");

    public async Task<string> ProbeAsync(CancellationToken cancellationToken)
    {
        var abilities = await Call("the account's abilities", () => Api.GetAbilitiesAsync(cancellationToken), cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"PagerDuty REST API v2 ({abilities.Abilities.Count} account abilities)");
    }

    public async Task<IncidentPage> ListAsync(IncidentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = await Call("the incident list", () => Api.ListIncidentsAsync(
            NullIfEmpty(query.Statuses), NullIfEmpty(query.ServiceIds), NullIfEmpty(query.Urgencies),
            query.Since is { } since ? Iso(since) : null,
            query.Until is { } until ? Iso(until) : null,
            Math.Clamp(query.Limit, 1, PageSize), 0, "created_at:desc", "UTC", cancellationToken), cancellationToken);
        return new IncidentPage([.. page.Incidents.Select(Summarize)], page.More, page.Total);
    }

    public async Task<IncidentDetail> GetAsync(string id, int maxTimelineEntries, bool overviewOnly, CancellationToken cancellationToken)
    {
        var incident = (await Call($"incident '{id}'", () => Api.GetIncidentAsync(id, cancellationToken), cancellationToken)).Incident;
        var notes = Call($"the notes of incident '{id}'", () => Api.ListNotesAsync(id, cancellationToken), cancellationToken);
        var alerts = Call($"the alerts of incident '{id}'", () => Api.ListAlertsAsync(id, 25, cancellationToken), cancellationToken);

        var entries = new List<PdLogEntry>();
        var more = true;
        int? total = null;
        for (var offset = 0; more && entries.Count < maxTimelineEntries && offset + PageSize <= MaxOffset; offset += PageSize)
        {
            var page = await Call($"the log entries of incident '{id}'",
                () => Api.ListLogEntriesAsync(id, PageSize, offset, offset == 0 ? "true" : "false", overviewOnly ? "true" : "false", "UTC", cancellationToken), cancellationToken);
            entries.AddRange(page.LogEntries);
            total ??= page.Total;
            more = page.More;
        }

        var timeline = entries
            .OrderBy(entry => entry.CreatedAt)
            .Take(maxTimelineEntries)
            .Select(entry => new IncidentEvent(entry.CreatedAt, Kind(entry.Type), SummaryOf(entry)))
            .ToList();
        return new IncidentDetail(
            Summarize(incident),
            incident.EscalationPolicy?.Summary,
            [.. (incident.Acknowledgements ?? []).Select(a => a.Acknowledger?.Summary ?? "?")],
            incident.AlertCounts?.All,
            [.. (await alerts).Alerts.Select(a => new IncidentAlert(a.CreatedAt, a.Status ?? "?", a.Severity, a.Summary ?? "?"))],
            timeline,
            more || entries.Count > maxTimelineEntries,
            total,
            [.. (await notes).Notes.OrderByDescending(n => n.CreatedAt).Select(n => new IncidentNote(n.CreatedAt, n.User?.Summary ?? "?", n.Content ?? string.Empty))]);
    }

    public async Task<OnCallResult> OnCallAsync(OnCallQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        string target;
        string? policyId = query.EscalationPolicyId;
        if (query.ServiceId is { } serviceId)
        {
            var service = (await Call($"service '{serviceId}'", () => Api.GetServiceAsync(serviceId, cancellationToken), cancellationToken)).Service;
            policyId = service.EscalationPolicy?.Id
                ?? throw new ToolFailureException($"PagerDuty service '{serviceId}' has no escalation policy, so nobody is on call for it.");
            target = $"service {service.Name ?? serviceId} ({serviceId}) via escalation policy {service.EscalationPolicy.Summary ?? policyId}";
        }
        else
        {
            target = policyId is not null ? $"escalation policy {policyId}" : $"schedule {query.ScheduleId}";
        }

        var oncalls = await Call("the on-call list", () => Api.ListOncallsAsync(
            policyId is null ? null : [policyId],
            query.ScheduleId is null ? null : [query.ScheduleId],
            PageSize, "UTC", cancellationToken), cancellationToken);
        var shifts = oncalls.Oncalls
            .OrderBy(o => o.EscalationLevel)
            .ThenBy(o => o.User?.Summary, StringComparer.Ordinal)
            .Select(o => new OnCallShift(o.EscalationLevel, o.User?.Summary ?? "?", o.Schedule?.Summary, o.EscalationPolicy?.Summary ?? "?", o.Start, o.End))
            .ToList();
        return new OnCallResult(target, shifts);
    }

    public async Task<IncidentNote> AddNoteAsync(string id, string content, CancellationToken cancellationToken)
    {
        var from = RequireFrom();
        var note = await Call($"a note on incident '{id}'",
            () => Api.AddNoteAsync(id, from, new PdNoteRequest(new PdNoteContent(content)), cancellationToken), cancellationToken);
        return new IncidentNote(note.Note.CreatedAt, note.Note.User?.Summary ?? from, note.Note.Content ?? content);
    }

    public async Task<IncidentSummary> AcknowledgeAsync(string id, CancellationToken cancellationToken)
    {
        var from = RequireFrom();
        var updated = await Call($"acknowledging incident '{id}'",
            () => Api.UpdateIncidentAsync(id, from, new PdIncidentUpdateRequest(new PdIncidentUpdate("incident_reference", "acknowledged")), cancellationToken),
            cancellationToken);
        return Summarize(updated.Incident);
    }

    private string RequireFrom() => string.IsNullOrWhiteSpace(_options.From)
        ? throw new ToolFailureException("PagerDuty write calls need the email of the PagerDuty user they act as: set PagerDuty__From.")
        : _options.From;

    private Task<T> Call<T>(string what, Func<Task<T>> call, CancellationToken cancellationToken) =>
        PagerDutyErrors.CallAsync(what, _options.TimeoutSeconds, call, cancellationToken);

    private static IncidentSummary Summarize(PdIncident incident) => new(
        incident.Id,
        incident.IncidentNumber?.ToString(CultureInfo.InvariantCulture),
        incident.Title ?? incident.Summary ?? incident.Id,
        incident.Status ?? "?",
        incident.Urgency ?? "?",
        incident.Service?.Id ?? "?",
        incident.Service?.Summary ?? incident.Service?.Id ?? "?",
        incident.CreatedAt,
        incident.ResolvedAt,
        [.. (incident.Assignments ?? []).Select(a => a.Assignee?.Summary ?? "?")],
        incident.HtmlUrl);

    /// <summary>A note's log entry says only "Note added"; who added it tells two notes apart.</summary>
    private static string SummaryOf(PdLogEntry entry)
    {
        var summary = entry.Summary ?? entry.Type ?? "?";
        return entry.Type == "annotate_log_entry" && entry.Agent?.Summary is { Length: > 0 } agent && !summary.Contains(agent, StringComparison.Ordinal)
            ? $"{summary} by {agent}"
            : summary;
    }

    /// <summary>"trigger_log_entry" reads as "trigger".</summary>
    private static string Kind(string? type) =>
        type is null ? "?" : type.Replace("_log_entry", string.Empty, StringComparison.Ordinal).Replace('_', ' ');

    private static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static IReadOnlyList<string>? NullIfEmpty(IReadOnlyList<string> values) => values.Count == 0 ? null : values;
}
