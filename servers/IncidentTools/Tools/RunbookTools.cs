using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Refit;
using SreSuite.IncidentTools.Catalog;
using SreSuite.IncidentTools.Runbooks;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Hosting;
using SreSuite.ServiceDefaults.Mcp;
using SreSuite.ServiceDefaults.Http;

namespace SreSuite.IncidentTools.Tools;

[McpServerToolType]
public sealed class RunbookTools(RunbookLibrary library, RunbookApiBackend runbookApi, AnswerBudgets budgets, SreServerInfo info)
{
    [McpServerTool(Name = "runbook_lookup", Title = "Runbooks: Find for an alert", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Find the runbook of an alert by runbook_url, alert name or alias, then shared words. Returns its sections or ranked candidates.")]
    [StructuredOutput("runbook", "candidates")]
    public async Task<CallToolResult> LookupAsync(
        McpServer server,
        [Description("Alert name.")][StringLength(200)] string? alert = null,
        [Description("Catalog service.")][RegularExpression(ServiceResolver.NamePattern)] string? service = null,
        [Description("Alert runbook_url annotation.")][StringLength(500)] string? runbook_url = null,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(alert) && string.IsNullOrWhiteSpace(service) && string.IsNullOrWhiteSpace(runbook_url))
            throw new ToolInputException("alert", "pass alert (the alert name), runbook_url, or service.");
        var (answer, data) = budgets.StartStructured("runbook_lookup");
        var result = library.Lookup(service, alert, runbook_url);
        if (result.Best is null && runbookApi.Url is not null && (alert is not null || service is not null))
            result = await AskApiAsync(result, alert, service, cancellationToken);

        if (result.Best is { } best)
        {
            answer.AppendRunbook(best.Runbook, best.Rule);
            data.Set("runbook", CandidateJson(best));
        }
        else if (result.Candidates.Count > 0)
        {
            answer.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"no single runbook stands out for {Describe(alert, service, runbook_url)}; {result.Candidates.Count} candidates, best first (pass service or the exact alert name to pick one):"));
        }
        else
        {
            answer.AppendLine($"no runbook found for {Describe(alert, service, runbook_url)}.");
            answer.AppendLine("tried: runbook_url, alert name exact, ignoring case, file name, alias, shared words" + (runbookApi.Url is null ? string.Empty : ", runbook API"));
            answer.Note("runbook_search with a few words of the alert may find a related runbook.");
        }

        var others = result.Best is null ? result.Candidates : result.Candidates.Take(5).ToList();
        var shown = 0;
        if (others.Count > 0)
        {
            if (result.Best is not null)
                answer.AppendLine("other candidates:");
            shown = answer.AppendUntrustedRows("runbook titles",
                [.. others.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Score:0.##} {c.Runbook.Title} [{c.Runbook.Service}] {c.Runbook.ResourceUri} ({c.Rule})"))],
                "candidates", "pass service or the exact alert name");
        }

        data.AddRows("candidates", others, shown, CandidateJson);
        foreach (var note in result.Notes)
            answer.Note(UntrustedText.Line(note));
        var linked = (result.Best is { } found ? [found.Runbook] : Array.Empty<Runbook>()).Concat(others.Take(shown).Select(c => c.Runbook));
        return ResourceLinks.Add(data.Result(answer.ToString()), server, info, linked.Select(Link));
    }

    // The runbook found, then the candidates the text shows; titles are outside text and stay in the fenced answer.
    private static JsonObject CandidateJson(RunbookCandidate candidate) => StructuredAnswer.Row(
        ("uri", candidate.Runbook.ResourceUri), ("service", candidate.Runbook.Service), ("score", Math.Round(candidate.Score, 2)), ("rule", candidate.Rule));

    private static ResourceLinkBlock Link(Runbook runbook) => new()
    {
        Uri = runbook.ResourceUri,
        Name = "runbook",
        Title = UntrustedText.Line(runbook.Title, 120),
        MimeType = "text/markdown",
    };

    [McpServerTool(Name = "runbook_search", Title = "Runbooks: Search", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Search runbooks by free text, best first.")]
    public CallToolResult Search(
        McpServer server,
        [Description("Words.")][StringLength(200, MinimumLength = 2)] string query,
        [Description("Only this catalog service.")][RegularExpression(ServiceResolver.NamePattern)] string? service = null,
        [Description("Most hits.")][Range(1, 50)] int limit = 10)
    {
        var answer = budgets.Start("runbook_search");
        var hits = library.Search(query, service);
        if (hits.Count == 0)
        {
            answer.AppendLine(string.Create(CultureInfo.InvariantCulture, $"no runbook mentions '{UntrustedText.Line(query)}' ({library.Runbooks.Count} runbooks searched)."));
            return ToolResults.Text(answer.ToString());
        }

        answer.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{hits.Count} runbooks match, best first:"));
        var shown = hits.Take(limit).ToList();
        var written = answer.AppendUntrustedRows("runbooks",
            [.. shown.Select(h => string.Create(CultureInfo.InvariantCulture,
                $"{h.Score:0.##} {h.Runbook.Title} [{h.Runbook.Service}] {h.Runbook.ResourceUri}{(h.Snippet is null ? string.Empty : $" — {h.Snippet}")}"))],
            "hits", "pass limit, service or more specific words");
        if (hits.Count > shown.Count)
            answer.Note(string.Create(CultureInfo.InvariantCulture, $"… {hits.Count - shown.Count} more hits beyond limit={limit}; pass a larger limit or more specific words"));
        return ResourceLinks.Add(ToolResults.Text(answer.ToString()), server, info, shown.Take(written).Select(h => Link(h.Runbook)));
    }

    private async Task<RunbookLookupResult> AskApiAsync(RunbookLookupResult local, string? alert, string? service, CancellationToken cancellationToken)
    {
        var notes = local.Notes.ToList();
        IReadOnlyList<Runbook> found;
        var warnings = new List<string>();
        try
        {
            found = await runbookApi.FindAsync(alert, service, warnings, cancellationToken);
        }
        catch (Exception ex) when (ex is ApiExceptionBase || BackendErrors.IsBackendFailure(ex))
        {
            // Refit's ApiRequestException (no response at all) carries the cause inside.
            notes.Add($"runbook API not consulted: {BackendErrors.Describe(ex is ApiRequestException { InnerException: { } inner } ? inner : ex)}");
            return local with { Notes = notes };
        }

        notes.AddRange(warnings.Select(w => $"runbook API answer: {w}"));
        var claiming = found.Where(r => alert is not null && r.Alerts.Contains(alert, StringComparer.OrdinalIgnoreCase)).ToList();
        if (claiming.Count == 1)
            return new RunbookLookupResult(new RunbookCandidate(claiming[0], $"runbook API lists alert '{alert}'", 1), local.Candidates, notes);
        var fromApi = found.Select(r => new RunbookCandidate(r, "runbook API", 0.9));
        return new RunbookLookupResult(null, [.. local.Candidates.Concat(fromApi)], notes);
    }

    private static string Describe(string? alert, string? service, string? runbookUrl)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(alert))
            parts.Add($"alert '{UntrustedText.Line(alert)}'");
        if (!string.IsNullOrWhiteSpace(service))
            parts.Add($"service '{service}'");
        if (!string.IsNullOrWhiteSpace(runbookUrl))
            parts.Add($"runbook_url '{UntrustedText.Line(runbookUrl)}'");
        return string.Join(", ", parts);
    }
}
