using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SreSuite.IncidentTools.Catalog;
using SreSuite.IncidentTools.Deploys;
using SreSuite.IncidentTools.Incidents;
using SreSuite.IncidentTools.Timeline;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Logs;
using SreSuite.ServiceDefaults.Mcp;

namespace SreSuite.IncidentTools.Tools;

[McpServerToolType]
public sealed class TimelineTools(IIncidentProvider incidents, GitHubDeploys github, ServiceResolver services, AnswerBudgets budgets, TimeProvider time)
{
    [McpServerTool(Name = "incident_timeline", Title = "Incidents: Show what changed", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Show what changed before it broke: incident events, deploys and releases in time order, for an incident or a service.")]
    [StructuredOutput("service", "incident", "from", "to", "events")]
    public async Task<CallToolResult> TimelineAsync(
        [Description("Incident id.")][RegularExpression(ServiceResolver.IdPattern)] string? incident_id = null,
        [Description("Or a catalog service.")][RegularExpression(ServiceResolver.NamePattern)] string? service = null,
        [Description("Hours before the incident (or now).")][Range(1, 72)] int hours_before = 6,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(incident_id) == string.IsNullOrWhiteSpace(service))
            throw new ToolInputException("incident_id", "pass either incident_id or service.");
        var now = time.GetUtcNow();
        var notes = new List<string>();
        var incidentEvents = new List<TimelineEntry>();
        IncidentSummary? incident = null;
        string serviceName;
        string? pagerDutyService;
        DateTimeOffset from;
        var to = now;

        if (incident_id is not null)
        {
            var detail = await incidents.GetAsync(incident_id, 200, overviewOnly: true, cancellationToken);
            incident = detail.Summary;
            pagerDutyService = incident.ServiceId;
            serviceName = services.NameOf(incident.ServiceId, incident.ServiceName);
            from = incident.CreatedAt.AddHours(-hours_before);
            to = incident.ResolvedAt ?? now;
            incidentEvents.AddRange(detail.Timeline.Select(e => new TimelineEntry(e.At, incidents.Name, $"incident {incident.Id} {e.Kind}: {e.Summary}", false)));
        }
        else
        {
            serviceName = services.Service(service!).Name;
            pagerDutyService = services.Catalog.Find(serviceName)?.PagerDutyServiceId;
            from = now.AddHours(-hours_before);
        }

        var otherIncidents = OtherIncidentsAsync(pagerDutyService, incident?.Id, from, to, notes, cancellationToken);
        var deploys = DeploysAsync(serviceName, from, to, notes, cancellationToken);
        var entries = TimelineMerge.Merge(incidentEvents, await otherIncidents, await deploys);

        var (answer, data) = budgets.StartStructured("incident_timeline");
        data.Set("service", serviceName).Set("from", StructuredAnswer.Time(from)).Set("to", StructuredAnswer.Time(to)).Set("incident", incident?.Id);
        answer.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"timeline of {UntrustedText.Line(serviceName)} from {Ages.Timestamp(from)} to {Ages.Timestamp(to)}{(incident is null ? string.Empty : $" around incident {UntrustedText.Line(incident.Id)} (opened {Ages.Timestamp(incident.CreatedAt)})")}: {entries.Count} events, oldest first, repeats counted"));
        if (incident is not null)
        {
            var changes = TimelineMerge.ChangesBefore(entries, incident.CreatedAt);
            answer.AppendLine(changes.Count == 0
                ? $"no deploys or releases in the {hours_before}h before the incident"
                : string.Create(CultureInfo.InvariantCulture, $"{changes.Count} changes in the {hours_before}h before the incident; the last one {(incident.CreatedAt - changes[0].At).TotalMinutes:0} minutes before it opened"));
        }

        // Repeated incident entries (an unacknowledged incident escalates every few minutes) collapse into one row.
        var rows = RepeatedEntries.Collapse(entries.Select(e => (e.At, RowText(e))));
        var shown = answer.AppendUntrustedRows("incident and deploy events", [.. rows.Select(r => r.Format(Ages.Timestamp))], "event rows", "pass a shorter hours_before", keepLast: true);
        var firstOfRow = new Dictionary<string, TimelineEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
            firstOfRow.TryAdd(RowText(entry), entry);
        data.AddRows("events", rows, shown, row => EntryJson(row, firstOfRow[row.Text]), keepLast: true);
        foreach (var note in notes)
            answer.Note(UntrustedText.Line(note));
        return data.Result(answer.ToString());
    }

    // What happened is outside text (titles, log entries, run names): it stays fenced in the text answer.
    private static string RowText(TimelineEntry entry) => $"[{entry.Source}] {entry.Text}";

    // One row per collapsed text row: its first time, and the count and last time when it repeated.
    private static JsonObject EntryJson(CollapsedEntry row, TimelineEntry first) => StructuredAnswer.Row(
        ("at", StructuredAnswer.Time(row.First)), ("source", first.Source), ("change", first.IsChange),
        ("count", row.Count > 1 ? row.Count : null), ("last", row.Count > 1 ? StructuredAnswer.Time(row.Last) : null));

    private async Task<IReadOnlyList<TimelineEntry>> OtherIncidentsAsync(
        string? pagerDutyService, string? exceptId, DateTimeOffset from, DateTimeOffset to, List<string> notes, CancellationToken cancellationToken)
    {
        if (!incidents.IsConfigured || pagerDutyService is null)
        {
            notes.Add(incidents.IsConfigured ? "incidents: the service has no PagerDuty service in the catalog" : $"incidents: {incidents.NotConfiguredMessage}");
            return [];
        }

        try
        {
            var page = await incidents.ListAsync(new IncidentQuery([], [pagerDutyService], [], from, to, 100), cancellationToken);
            if (page.More)
                notes.Add("incidents: more than 100 in the window; only the newest 100 are shown");
            return [.. page.Incidents.Where(i => i.Id != exceptId).SelectMany(i => new[]
                {
                    new TimelineEntry(i.CreatedAt, incidents.Name, $"incident {i.Id} opened ({i.Urgency}): {i.Title}", false),
                }.Concat(i.ResolvedAt is { } resolved && resolved <= to
                    ? [new TimelineEntry(resolved, incidents.Name, $"incident {i.Id} resolved", false)]
                    : []))];
        }
        catch (ToolFailureException ex)
        {
            notes.Add($"incidents not included: {ex.Message}");
            return [];
        }
    }

    private async Task<IReadOnlyList<TimelineEntry>> DeploysAsync(string serviceName, DateTimeOffset from, DateTimeOffset to, List<string> notes, CancellationToken cancellationToken)
    {
        var repository = services.Catalog.Find(serviceName)?.Repository;
        if (!github.IsConfigured || repository is null)
        {
            notes.Add(github.IsConfigured ? $"deploys: {serviceName} has no GitHub repository in the catalog" : $"deploys: {github.NotConfiguredMessage}");
            return [];
        }

        try
        {
            var history = await github.RecentAsync(repository, null, from, to, cancellationToken);
            notes.AddRange(history.Notes.Select(note => $"deploys: {note}"));
            return [.. history.Events.Select(e => new TimelineEntry(e.At, "GitHub", DeployTools.Row(e)[(Ages.Timestamp(e.At).Length + 1)..], true))];
        }
        catch (ToolFailureException ex)
        {
            notes.Add($"deploys not included: {ex.Message}");
            return [];
        }
    }
}
