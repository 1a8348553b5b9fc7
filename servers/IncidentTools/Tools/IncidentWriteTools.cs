using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SreSuite.IncidentTools.Catalog;
using SreSuite.IncidentTools.Incidents;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.IncidentTools.Tools;

/// <summary>The two write tools; off unless the operator enables them by name (<c>Guardrails__EnableWriteTools</c>).</summary>
[McpServerToolType]
public sealed partial class IncidentWriteTools(IIncidentProvider incidents, SreServerInfo info, AnswerBudgets budgets, WriteConfirmation confirmation, ILogger<IncidentWriteTools> logger)
{
    [McpServerTool(Name = "incident_add_note", Title = "Incidents: Add note", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true)]
    [Description("Add a note to an incident, recording who asked.")]
    public async Task<string> AddNoteAsync(
        [Description("Incident id.")][RegularExpression(ServiceResolver.IdPattern)] string incident_id,
        [Description("Plain text.")][StringLength(2000, MinimumLength = 1)] string note,
        RequestContext<CallToolRequestParams> request,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default)
    {
        var caller = CallerIdentity.Subject(user, info.Transport);
        var content = $"{UntrustedText.Sanitize(note).Trim()}\n— via SreSuite IncidentTools, requested by {caller}";
        await confirmation.ConfirmAsync(request, "incident_add_note", $"add this note to incident {incident_id} ({incidents.Name}): \"{UntrustedText.Line(content)}\"", cancellationToken);
        var added = await incidents.AddNoteAsync(incident_id, content, cancellationToken);
        LogWrite(logger, "incident_add_note", incident_id, caller);
        return budgets.Start("incident_add_note")
            .AppendLine($"note added to incident {incident_id} ({incidents.Name}) at {Ages.Timestamp(added.At)} as {UntrustedText.Line(added.Author)}, requested by {caller}.")
            .ToString();
    }

    [McpServerTool(Name = "incident_acknowledge", Title = "Incidents: Acknowledge", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Acknowledge an incident (stops escalation), recording who asked.")]
    public async Task<string> AcknowledgeAsync(
        [Description("Incident id.")][RegularExpression(ServiceResolver.IdPattern)] string incident_id,
        RequestContext<CallToolRequestParams> request,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default)
    {
        var caller = CallerIdentity.Subject(user, info.Transport);
        await confirmation.ConfirmAsync(request, "incident_acknowledge",
            $"acknowledge incident {incident_id} ({incidents.Name}) for {caller}, which stops its escalation, and add a note naming {caller}.", cancellationToken);
        var incident = await incidents.AcknowledgeAsync(incident_id, cancellationToken);
        LogWrite(logger, "incident_acknowledge", incident_id, caller);
        var recorded = "recorded in a note";
        try
        {
            await incidents.AddNoteAsync(incident_id, $"Acknowledged via SreSuite IncidentTools, requested by {caller}.", cancellationToken);
        }
        catch (ToolFailureException ex)
        {
            // The acknowledgement stands; only the note naming the caller is missing (the server log has it).
            recorded = $"but the note naming the caller failed: {ex.Message}";
        }

        return budgets.Start("incident_acknowledge")
            .AppendLine(UntrustedText.Line($"incident {incident.Id} ({incidents.Name}) is now {incident.Status}; acknowledged for {caller}, {recorded}"))
            .ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Write tool {Tool} on incident {IncidentId} requested by {Caller}")]
    private static partial void LogWrite(ILogger logger, string tool, string incidentId, string caller);
}
