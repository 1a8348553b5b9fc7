using System.Globalization;
using System.Text;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ObservabilityTools.Tools;

internal static class UntrustedRows
{
    /// <summary>
    /// Adds rows of outside text inside one fence, as many as fit the budget, then says how many were left out
    /// and how to narrow the call. Returns the rows written.
    /// </summary>
    public static int AppendFencedRows(this AnswerBuilder answer, string source, IReadOnlyList<string> rows, string noun, string narrowHint)
    {
        var room = answer.RemainingBytes - Encoding.UTF8.GetByteCount(UntrustedText.Fence(source, string.Empty)) - 1;
        var kept = new List<string>();
        foreach (var row in rows)
        {
            var clean = UntrustedText.Sanitize(row);
            var size = Encoding.UTF8.GetByteCount(clean) + 1;
            if (size > room)
                break;
            kept.Add(clean);
            room -= size;
        }

        if (kept.Count > 0)
            answer.TryAppendLine(UntrustedText.Fence(source, string.Join('\n', kept)));
        if (kept.Count < rows.Count)
            answer.Note(string.Create(CultureInfo.InvariantCulture, $"… {rows.Count - kept.Count} more {noun}; {narrowHint}"));
        return kept.Count;
    }

    /// <summary>Cuts a single value (a help text, an expression) to a length a row can carry.</summary>
    public static string Clip(string? text, int maxChars)
    {
        var clean = UntrustedText.Sanitize(text).Replace('\n', ' ').Trim();
        return clean.Length <= maxChars ? clean : string.Concat(clean.AsSpan(0, maxChars - 1), "…");
    }
}
