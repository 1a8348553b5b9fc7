using System.Globalization;
using System.Text;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Triage;

/// <summary>Appends lines of outside text as one fenced block, keeping as many whole lines as the budget allows.</summary>
public static class Fenced
{
    /// <summary>
    /// Fences <paramref name="lines"/> under <paramref name="source"/>. When they do not all fit, keeps the head
    /// (or the tail, for logs), and notes how many were left out and how to narrow the call. Returns the lines kept.
    /// </summary>
    public static int Append(AnswerBuilder answer, string source, IReadOnlyList<string> lines, bool keepTail, string noun, string narrowHint)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
            return 0;
        var clean = lines.Select(UntrustedText.Sanitize).ToList();
        var room = answer.RemainingBytes - Encoding.UTF8.GetByteCount(UntrustedText.Fence(source, "")) - 2;
        var order = keepTail ? Enumerable.Range(0, clean.Count).Reverse() : Enumerable.Range(0, clean.Count);
        var kept = new List<int>();
        foreach (var i in order)
        {
            var size = Encoding.UTF8.GetByteCount(clean[i]) + 1;
            if (size > room)
                break;
            kept.Add(i);
            room -= size;
        }

        kept.Sort();
        if (kept.Count > 0)
            answer.TryAppendLine(UntrustedText.Fence(source, string.Join('\n', kept.Select(i => clean[i]))));
        var left = clean.Count - kept.Count;
        if (left > 0)
            answer.Note(string.Create(CultureInfo.InvariantCulture, $"… {left} {(keepTail ? "earlier" : "more")} {noun} not shown; {narrowHint}"));
        return kept.Count;
    }
}
