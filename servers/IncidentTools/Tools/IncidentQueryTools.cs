using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SreSuite.IncidentTools.Answers;
using SreSuite.IncidentTools.Catalog;
using SreSuite.IncidentTools.Incidents;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Logs;
using SreSuite.ServiceDefaults.Mcp;

namespace SreSuite.IncidentTools.Tools;

[McpServerToolType]
public sealed class IncidentQueryTools(IIncidentProvider incidents, ServiceResolver services, AnswerBudgets budgets, TimeProvider time)
{
    // Log entries read for one incident; the answer budget decides how many are shown.
    private const int MaxLogEntries = 500;

    [McpServerTool(Name = "incident_list", Title = "Incidents: List", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("List incidents, newest first (open by default).")]
    [StructuredOutput("incidents", "more")]
    public async Task<CallToolResult> ListAsync(
        [Description("open: triggered or acknowledged.")][AllowedValues("open", "triggered", "acknowledged", "resolved", "any")] string status = "open",
        [Description("Catalog service or PagerDuty id.")][RegularExpression(ServiceResolver.NamePattern)] string? service = null,
        [Description("Urgency.")][AllowedValues("high", "low")] string? urgency = null,
        [Description("ISO-8601 or age like 2d.")][StringLength(40)] string? since = null,
        [Description("Most incidents.")][Range(1, 100)] int limit = 20,
        CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        // Open incidents can be old; PagerDuty's own default window is a month.
        var from = Times.Parse("since", since, now) ?? now.AddDays(status is "resolved" or "any" ? -7 : -30);
        var statuses = status switch
        {
            "open" => new[] { "triggered", "acknowledged" },
            "any" => [],
            _ => [status],
        };
        var serviceIds = service is null ? [] : new[] { services.PagerDutyService(service) };
        var page = await incidents.ListAsync(new IncidentQuery(statuses, serviceIds, urgency is null ? [] : [urgency], from, null, limit), cancellationToken);

        var (answer, data) = budgets.StartStructured("incident_list");
        answer.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{page.Incidents.Count} {status} incidents since {Ages.Timestamp(from)}{(service is null ? string.Empty : $" for {service}")} ({incidents.Name}), newest first:"));
        var shown = answer.AppendUntrustedRows($"{incidents.Name} incidents", [.. page.Incidents.Select(i => Row(i, now))], "incidents", "pass service, urgency, status or a later since");
        data.Set("more", page.More).AddRows("incidents", page.Incidents, shown, IncidentJson);
        if (page.More)
            answer.Note($"… more incidents exist beyond these {page.Incidents.Count}{(page.Total is { } total ? $" ({total} in all)" : string.Empty)}; pass service, urgency, status or a later since");
        return data.Result(answer.ToString());
    }

    // Titles and assignee names are outside text: they stay fenced in the text answer.
    private static JsonObject IncidentJson(IncidentSummary incident) => StructuredAnswer.Row(
        ("id", incident.Id), ("number", incident.Number), ("status", incident.Status), ("urgency", incident.Urgency),
        ("service", incident.ServiceName), ("created", StructuredAnswer.Time(incident.CreatedAt)),
        ("resolved", StructuredAnswer.Time(incident.ResolvedAt)), ("url", incident.Url));

    [McpServerTool(Name = "incident_get", Title = "Incidents: Get", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Show an incident: status, assignees, alerts, notes, log entries oldest first with repeats counted.")]
    public async Task<string> GetAsync(
        [Description("Incident id.")][RegularExpression(ServiceResolver.IdPattern)] string incident_id,
        [Description("Only log entries that change state.")] bool overview = false,
        CancellationToken cancellationToken = default)
    {
        var detail = await incidents.GetAsync(incident_id, MaxLogEntries, overview, cancellationToken);
        var now = time.GetUtcNow();
        var incident = detail.Summary;
        var answer = budgets.Start("incident_get");
        answer.AppendLine($"incident {UntrustedText.Line(incident.Id)}{(incident.Number is null ? string.Empty : $" #{incident.Number}")} ({incidents.Name}) {UntrustedText.Line(incident.Url)}");
        answer.AppendUntrusted("incident title", incident.Title, "see the incident in the provider");
        var serviceName = services.NameOf(incident.ServiceId, incident.ServiceName);
        var unanswered = UnansweredPage.Describe(detail, now) is { } why ? $", {why}" : string.Empty;
        answer.AppendLine(UntrustedText.Line($"status: {incident.Status}{unanswered} · urgency: {incident.Urgency} · service: {serviceName} ({incident.ServiceId})"));
        var resolvedAt = incident.ResolvedAt is { } resolved ? $" · resolved: {Ages.Timestamp(resolved)}" : string.Empty;
        answer.AppendLine($"created: {Ages.Timestamp(incident.CreatedAt)} ({Ages.Ago(incident.CreatedAt, now)}){resolvedAt}");
        answer.AppendLine($"assigned to: {Names(incident.Assignees)} · escalation policy: {UntrustedText.Line(detail.EscalationPolicy ?? "-")}");
        if (detail.Acknowledgers.Count > 0)
            answer.AppendLine($"acknowledged by: {Names(detail.Acknowledgers)}");

        answer.AppendLine(string.Create(CultureInfo.InvariantCulture, $"alerts: {detail.AlertCount ?? detail.Alerts.Count}"));
        answer.AppendUntrustedRows("incident alerts", [.. detail.Alerts.Take(5).Select(a => $"{Ages.Timestamp(a.At)} {a.Status} {a.Severity ?? "-"} {a.Summary}")],
            "alerts", "see the incident in the provider");
        answer.AppendLine(string.Create(CultureInfo.InvariantCulture, $"notes: {detail.Notes.Count} (newest first)"));
        answer.AppendUntrustedRows("incident notes", [.. detail.Notes.Take(5).Select(n => $"{Ages.Timestamp(n.At)} {n.Author}: {n.Content.ReplaceLineEndings(" ")}")],
            "notes", "see the incident in the provider");
        if (detail.Notes.Count > 5)
            answer.Note(string.Create(CultureInfo.InvariantCulture, $"… {detail.Notes.Count - 5} older notes not shown; see the incident in the provider"));

        // Repeats (the same notification every escalation cycle) collapse into one row with a count and first/last
        // time; overview keeps only the entries that change the incident's state.
        var entries = detail.Timeline.Where(e => !overview || IsStateChange(e.Kind)).ToList();
        var rows = RepeatedEntries.Collapse(entries.Select(e => (e.At, $"{e.Kind}: {e.Summary}")));
        var read = detail.TimelineTotal is { } count ? count.ToString(CultureInfo.InvariantCulture) : detail.TimelineMore ? $"{detail.Timeline.Count}+" : detail.Timeline.Count.ToString(CultureInfo.InvariantCulture);
        answer.AppendLine(overview
            ? string.Create(CultureInfo.InvariantCulture, $"timeline (overview): {entries.Count} state changes of {read} log entries as {rows.Count} rows, repeats counted, oldest first")
            : string.Create(CultureInfo.InvariantCulture, $"timeline: {read} log entries as {rows.Count} rows, repeats counted, oldest first"));
        answer.AppendUntrustedRows("incident log entries", [.. rows.Select(r => r.Format(Ages.Timestamp))],
            "log entry rows", overview ? "see the incident in the provider" : "pass overview=true for the state changes only");
        if (detail.TimelineMore)
            answer.Note(string.Create(CultureInfo.InvariantCulture, $"… only the newest {MaxLogEntries} log entries were read; see the incident in the provider"));
        return answer.ToString();
    }

    [McpServerTool(Name = "oncall_now", Title = "On-call: Show who is on call", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Show who is on call now, for one of: service, schedule, escalation policy.")]
    public async Task<string> OnCallAsync(
        [Description("Catalog service or PagerDuty id.")][RegularExpression(ServiceResolver.NamePattern)] string? service = null,
        [Description("Schedule id.")][RegularExpression(ServiceResolver.IdPattern)] string? schedule_id = null,
        [Description("Escalation policy id.")][RegularExpression(ServiceResolver.IdPattern)] string? escalation_policy_id = null,
        CancellationToken cancellationToken = default)
    {
        if (new[] { service, schedule_id, escalation_policy_id }.Count(v => !string.IsNullOrWhiteSpace(v)) != 1)
            throw new ToolInputException("service", "pass exactly one of service, schedule_id or escalation_policy_id.");
        var query = new OnCallQuery(service is null ? null : services.PagerDutyService(service), schedule_id, escalation_policy_id);
        var result = await incidents.OnCallAsync(query, cancellationToken);
        var answer = budgets.Start("oncall_now");
        answer.AppendLine($"on call now for {UntrustedText.Line(result.Target)} ({incidents.Name}):");
        if (result.Shifts.Count == 0)
            answer.AppendLine("nobody: the escalation policy or schedule has no one on call now.");
        answer.AppendRows(result.Shifts,
            s => string.Create(CultureInfo.InvariantCulture,
                $"level {s.Level}: {s.User}{(s.Schedule is null ? " (direct)" : $" via schedule {s.Schedule}")} until {(s.End is { } end ? Ages.Timestamp(end) : "further notice")}"),
            "on-call shifts", "pass schedule_id or escalation_policy_id");
        return answer.ToString();
    }

    /// <summary>
    /// Log entry kinds that change the incident's state (PagerDuty's own overview filter keeps these and drops the
    /// notifications); filtered here too so every provider's overview reads the same.
    /// </summary>
    private static bool IsStateChange(string kind) => kind is "trigger" or "acknowledge" or "unacknowledge" or "annotate" or "escalate"
        or "assign" or "reassign" or "delegate" or "snooze" or "urgency change" or "priority change" or "merge" or "resolve" or "exhaust escalation path";

    private static string Row(IncidentSummary incident, DateTimeOffset now) => string.Create(CultureInfo.InvariantCulture,
        $"{incident.Id}{(incident.Number is null ? string.Empty : $" #{incident.Number}")} {incident.Status} {incident.Urgency} {Ages.Timestamp(incident.CreatedAt)} ({Ages.Ago(incident.CreatedAt, now)}) {incident.ServiceName}: {incident.Title} → {Names(incident.Assignees)}");

    private static string Names(IReadOnlyList<string> names) =>
        names.Count == 0 ? "nobody" : UntrustedText.Line(string.Join(", ", names));
}
