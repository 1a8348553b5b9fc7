using System.Globalization;
using System.Text;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// Builds a tool answer within its budget. Content is added until the budget is reached; after that the
/// answer says what was left out and how to narrow the call, never cutting silently.
/// </summary>
public sealed class AnswerBuilder
{
    /// <summary>The estimate used for every budget: a token is about four bytes of English or JSON.</summary>
    public const int BytesPerToken = 4;

    // Room kept for the closing "… N more" line, so it always fits.
    private const int ReserveBytes = 200;

    private readonly List<string> _lines = [];
    private readonly List<string> _notes = [];
    private int _bytes;

    public AnswerBuilder(int budgetBytes)
    {
        BudgetBytes = Math.Max(budgetBytes, ReserveBytes * 2);
    }

    public int BudgetBytes { get; }

    /// <summary>Bytes still available for content.</summary>
    public int RemainingBytes => Math.Max(0, BudgetBytes - ReserveBytes - _bytes - NotesBytes());

    /// <summary>True once something had to be left out.</summary>
    public bool IsTruncated { get; private set; }

    /// <summary>Adds a line if it fits; returns false (and adds nothing) when it does not.</summary>
    public bool TryAppendLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var size = Encoding.UTF8.GetByteCount(line) + 1;
        if (size > RemainingBytes)
        {
            IsTruncated = true;
            return false;
        }

        _lines.Add(line);
        _bytes += size;
        return true;
    }

    /// <summary>Adds a line that must be present (a header, a summary); it is shortened if needed.</summary>
    public AnswerBuilder AppendLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!TryAppendLine(line))
            TryAppendLine(Shorten(line, Math.Max(0, RemainingBytes - 1)));
        return this;
    }

    /// <summary>
    /// Adds rows until the budget is reached, then one line that says how many rows were left out and how to
    /// narrow the call, e.g. <c>… 240 more pods; pass label_selector or namespace</c>. Returns the rows written.
    /// </summary>
    public int AppendRows<T>(IReadOnlyCollection<T> rows, Func<T, string> format, string noun, string narrowHint)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(format);
        var written = 0;
        foreach (var row in rows)
        {
            if (!TryAppendLine(format(row)))
                break;
            written++;
        }

        var left = rows.Count - written;
        if (left > 0)
            Note(string.Create(CultureInfo.InvariantCulture, $"… {left} more {noun}; {narrowHint}"));
        return written;
    }

    /// <summary>
    /// Adds text from outside the suite, sanitized and fenced with its provenance. When it does not fit, its
    /// tail is kept (the end of a log is what matters) and the answer says how much was cut.
    /// </summary>
    public AnswerBuilder AppendUntrusted(string source, string? text, string narrowHint)
    {
        var fenced = UntrustedText.Fence(source, text);
        if (TryAppendLine(fenced))
            return this;

        var lines = UntrustedText.Sanitize(text).Split('\n');
        var kept = new List<string>();
        var overhead = Encoding.UTF8.GetByteCount(UntrustedText.Fence(source, string.Empty)) + 2;
        var room = RemainingBytes - overhead;
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            var size = Encoding.UTF8.GetByteCount(lines[i]) + 1;
            if (size > room)
                break;
            kept.Insert(0, lines[i]);
            room -= size;
        }

        if (kept.Count > 0)
            TryAppendLine(UntrustedText.Fence(source, string.Join('\n', kept)));
        IsTruncated = true;
        Note(string.Create(CultureInfo.InvariantCulture, $"… {lines.Length - kept.Count} earlier lines of {source} cut to fit the answer budget; {narrowHint}"));
        return this;
    }

    /// <summary>Adds a line after the content (what was cut, what to do next); notes are always kept.</summary>
    public AnswerBuilder Note(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        _notes.Add(note);
        if (note.StartsWith('…'))
            IsTruncated = true;
        return this;
    }

    public override string ToString()
    {
        // Notes added after the content was full may not fit the reserve; the budget still holds, so the last
        // content lines give way and the answer says so.
        var lines = new List<string>(_lines);
        var bytes = _bytes;
        var dropped = 0;
        while (lines.Count > 0 && bytes + NotesBytes() + (dropped > 0 ? DroppedNoteBytes : 0) > BudgetBytes)
        {
            bytes -= Encoding.UTF8.GetByteCount(lines[^1]) + 1;
            lines.RemoveAt(lines.Count - 1);
            dropped++;
        }

        if (dropped > 0)
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"… {dropped} more lines cut to fit the answer budget"));
        lines.AddRange(_notes);
        return string.Join('\n', lines).TrimEnd('\n');
    }

    private const int DroppedNoteBytes = 64;

    private int NotesBytes() => _notes.Sum(note => Encoding.UTF8.GetByteCount(note) + 1);

    private static string Shorten(string line, int maxBytes)
    {
        if (maxBytes <= 1)
            return string.Empty;
        var chars = Math.Min(line.Length, maxBytes);
        while (chars > 0 && Encoding.UTF8.GetByteCount(line.AsSpan(0, chars)) > maxBytes - 3)
            chars--;
        return chars <= 0 ? string.Empty : string.Concat(line.AsSpan(0, chars), "…");
    }
}
