using System.Globalization;
using System.Text;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.IncidentTools.Answers;

/// <summary>
/// Rows whose text comes from outside (incident log entries, notes, commit titles) written as one fenced
/// block: as many rows as the budget allows, then a note saying how many were left out and how to narrow.
/// </summary>
public static class UntrustedRows
{
    // Room kept for the "… N more" note that follows the block.
    private const int NoteRoom = 160;

    /// <summary>Writes the rows; <paramref name="keepLatest"/> keeps the last rows instead of the first when they do not all fit.</summary>
    public static int AppendUntrustedRows<T>(
        this AnswerBuilder answer, string source, IReadOnlyList<T> rows, Func<T, string> format, string noun, string narrowHint, bool keepLatest = false)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(format);
        if (rows.Count == 0)
            return 0;

        var room = answer.RemainingBytes - Encoding.UTF8.GetByteCount(UntrustedText.Fence(source, string.Empty)) - NoteRoom;
        var kept = new List<string>();
        var order = keepLatest ? Enumerable.Range(0, rows.Count).Reverse() : Enumerable.Range(0, rows.Count);
        foreach (var i in order)
        {
            var line = UntrustedText.Sanitize(format(rows[i]));
            var size = Encoding.UTF8.GetByteCount(line) + 1;
            if (size > room)
                break;
            kept.Add(line);
            room -= size;
        }

        if (keepLatest)
            kept.Reverse();
        if (kept.Count > 0)
            answer.AppendLine(UntrustedText.Fence(source, string.Join('\n', kept)));
        var left = rows.Count - kept.Count;
        if (left > 0)
        {
            var which = keepLatest ? "earlier " : string.Empty;
            answer.Note(string.Create(CultureInfo.InvariantCulture, $"… {left} more {which}{noun}; {narrowHint}"));
        }

        return kept.Count;
    }
}
