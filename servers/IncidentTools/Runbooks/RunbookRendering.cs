using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.IncidentTools.Runbooks;

/// <summary>
/// Writes a runbook into an answer: its facts, each on one line, then as many whole sections as the budget allows
/// inside the fence. Everything here but the labels comes from the runbook's file, its name included.
/// </summary>
public static class RunbookRendering
{
    public static void AppendRunbook(this AnswerBuilder answer, Runbook runbook, string rule)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(runbook);
        answer.AppendLine($"runbook: {UntrustedText.Line(runbook.Title)}");
        answer.AppendLine($"matched: {UntrustedText.Line(rule)}");
        answer.AppendLine($"service: {UntrustedText.Line(runbook.Service)} · owner: {UntrustedText.Line(runbook.Owner ?? "-")} · severity: {UntrustedText.Line(runbook.Severity ?? "-")}");
        if (runbook.Alerts.Count > 0)
            answer.AppendLine($"alerts: {UntrustedText.Line(string.Join(", ", runbook.Alerts))}");
        // Only a runbook from the API has a source worth showing (its page); a file is named by its resource URI and
        // its path in the runbook folder on the fence, as runbook_search and the runbook resources name it.
        if (runbook.Source is not null)
            answer.AppendLine($"source: {UntrustedText.Line(runbook.Source)}");
        answer.AppendLine($"resource: {UntrustedText.Line(runbook.ResourceUri)}");

        var parts = new List<string>();
        if (runbook.Intro.Length > 0)
            parts.Add(runbook.Intro);
        parts.AddRange(runbook.Sections);
        answer.AppendUntrustedRows($"runbook {runbook.RelativePath}", parts, "sections",
            $"read resource {UntrustedText.Line(runbook.ResourceUri)} for the whole runbook", separator: "\n\n");
    }
}
