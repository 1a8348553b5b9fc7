using System.Globalization;
using System.Text;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.IncidentTools.Runbooks;

/// <summary>Writes a runbook into an answer: its facts, then as many whole sections as the budget allows.</summary>
public static class RunbookRendering
{
    // Room kept for the notes that follow the runbook (what was cut, other candidates).
    private const int NoteRoom = 400;

    public static void AppendRunbook(this AnswerBuilder answer, Runbook runbook, string rule)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(runbook);
        answer.AppendLine($"runbook: {UntrustedText.Sanitize(runbook.Title)}");
        answer.AppendLine($"matched: {UntrustedText.Sanitize(rule)}");
        answer.AppendLine($"service: {runbook.Service} · owner: {runbook.Owner ?? "-"} · severity: {runbook.Severity ?? "-"}");
        if (runbook.Alerts.Count > 0)
            answer.AppendLine($"alerts: {UntrustedText.Sanitize(string.Join(", ", runbook.Alerts))}");
        answer.AppendLine($"source: {runbook.Source}");
        answer.AppendLine($"resource: {runbook.ResourceUri}");

        var source = $"runbook {runbook.RelativePath}";
        var room = answer.RemainingBytes - Encoding.UTF8.GetByteCount(UntrustedText.Fence(source, string.Empty)) - NoteRoom;
        var introParts = runbook.Intro.Length > 0 ? 1 : 0;
        var parts = new List<string>();
        if (introParts == 1)
            parts.Add(runbook.Intro);
        parts.AddRange(runbook.Sections.Select(s => s.Text));
        var kept = new List<string>();
        foreach (var part in parts)
        {
            var size = Encoding.UTF8.GetByteCount(part) + 2;
            if (size > room)
                break;
            kept.Add(part);
            room -= size;
        }

        var whole = kept.Count;
        if (whole == 0 && parts.Count > 0)
            kept.Add(Prefix(parts[0], Math.Max(0, room)));
        answer.AppendLine(UntrustedText.Fence(source, string.Join("\n\n", kept)));

        if (whole < parts.Count)
        {
            var cut = runbook.Sections.Skip(Math.Max(0, whole - introParts)).Select(s => s.Heading).ToList();
            var names = cut.Count > 0 ? $" ({string.Join(", ", cut.Take(8))})" : string.Empty;
            answer.Note(string.Create(CultureInfo.InvariantCulture,
                $"… {parts.Count - whole} sections cut to fit the answer budget{UntrustedText.Sanitize(names)}; read resource {runbook.ResourceUri} for the whole runbook"));
        }
    }

    private static string Prefix(string text, int maxBytes)
    {
        var lines = new List<string>();
        var used = 0;
        foreach (var line in text.Split('\n'))
        {
            var size = Encoding.UTF8.GetByteCount(line) + 1;
            if (used + size > maxBytes)
                break;
            lines.Add(line);
            used += size;
        }

        return string.Join('\n', lines);
    }
}
