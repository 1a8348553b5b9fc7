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
    private readonly HashSet<int> _forced = [];
    private int _bytes;

    public AnswerBuilder(int budgetBytes)
    {
        BudgetBytes = Math.Max(budgetBytes, ReserveBytes * 2);
    }

    public int BudgetBytes { get; }

    /// <summary>The fence of this answer's untrusted text, with its own random nonce.</summary>
    public UntrustedFence Fence { get; } = new();

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

    /// <summary>
    /// Adds a line that must be present (a header, a summary), whole: when the content is already full it takes
    /// the reserve, and detail lines before it give way rather than it being cut (only a line longer than the
    /// whole budget is shortened).
    /// </summary>
    public AnswerBuilder AppendLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (TryAppendLine(line))
            return this;
        // Only a line longer than the whole answer may be shortened: the budget is a hard limit.
        var left = BudgetBytes - _bytes - NotesBytes() - 1;
        ForceLine(Encoding.UTF8.GetByteCount(line) <= left ? line : Shorten(line, Math.Max(0, left)));
        return this;
    }

    /// <summary>
    /// Adds rows until the budget is reached, then one line that says how many rows were left out and how to
    /// narrow the call, e.g. <c>… 240 more pods; pass label_selector or namespace</c>. Returns the rows written.
    /// Each row stays on one line: line breaks and controls in values from outside are made visible
    /// (<see cref="UntrustedText.Line(string?)"/>).
    /// </summary>
    public int AppendRows<T>(IReadOnlyCollection<T> rows, Func<T, string> format, string noun, string narrowHint)
    {
        ArgumentNullException.ThrowIfNull(format);
        return AppendBlocks(rows, row => UntrustedText.Line(format(row)), noun, narrowHint);
    }

    /// <summary>
    /// Adds whole blocks (a row, or a header with a fenced body, written as the caller built it) until the budget is
    /// reached; with a <paramref name="noun"/>, then the same "… N more" line as <see cref="AppendRows"/>. Returns the blocks written.
    /// </summary>
    public int AppendBlocks<T>(IReadOnlyCollection<T> items, Func<T, string> format, string? noun = null, string? narrowHint = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(format);
        var written = items.TakeWhile(item => TryAppendLine(format(item))).Count();
        var left = items.Count - written;
        if (left > 0 && noun is not null)
            Note(string.Create(CultureInfo.InvariantCulture, $"… {left} more {noun}; {narrowHint}"));
        return written;
    }

    /// <summary>
    /// Adds a section: its header always whole, then as many rows as fit while <paramref name="reserveBytes"/> stay
    /// free for what follows, then one line right under them saying how many were left out and how to see them,
    /// e.g. <c>  … and 240 more pods; pass namespace</c>. When the rows do not all fit but
    /// <paramref name="compactRows"/> (the same items, denser) do, those are written instead. Returns the rows written.
    /// </summary>
    public int AppendSection(string header, IReadOnlyList<string> rows, string noun, string narrowHint, int reserveBytes = 0, IReadOnlyList<string>? compactRows = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        ForceLine(UntrustedText.Line(header));
        var room = RemainingBytes - reserveBytes;
        var lines = rows.Select(row => UntrustedText.Line(row)).ToList();
        if (compactRows is not null && SizeOf(lines) > room)
            lines = [.. compactRows.Select(row => UntrustedText.Line(row))];

        var written = 0;
        foreach (var line in lines)
        {
            var left = lines.Count - written - 1;
            var size = Encoding.UTF8.GetByteCount(line) + 1 + (left > 0 ? MoreLineBytes(left, noun, narrowHint) : 0);
            if (size > room)
                break;
            _lines.Add(line);
            _bytes += Encoding.UTF8.GetByteCount(line) + 1;
            room -= Encoding.UTF8.GetByteCount(line) + 1;
            written++;
        }

        if (written < lines.Count)
        {
            IsTruncated = true;
            ForceLine(MoreLine(lines.Count - written, noun, narrowHint));
        }

        return written;
    }

    /// <summary>Bytes a section with this header takes at the least: the header and its "… and N more" line.</summary>
    public static int SectionBytes(string header, string noun, string narrowHint)
    {
        ArgumentNullException.ThrowIfNull(header);
        return Encoding.UTF8.GetByteCount(header) + 1 + MoreLineBytes(99_999, noun, narrowHint);
    }

    /// <summary>The bytes these lines take in an answer, newlines included.</summary>
    public static int SizeOf(IEnumerable<string> lines) => (lines ?? []).Sum(line => Encoding.UTF8.GetByteCount(line) + 1);

    private void ForceLine(string line)
    {
        _forced.Add(_lines.Count);
        _lines.Add(line);
        _bytes += Encoding.UTF8.GetByteCount(line) + 1;
    }

    private static string MoreLine(int left, string noun, string narrowHint) =>
        string.Create(CultureInfo.InvariantCulture, $"  … and {left} more {noun}; {narrowHint}");

    private static int MoreLineBytes(int left, string noun, string narrowHint) => Encoding.UTF8.GetByteCount(MoreLine(left, noun, narrowHint)) + 1;

    /// <summary>
    /// Adds text from outside the suite, cleaned and fenced with its provenance. When it does not fit, its tail is
    /// kept (the end of a log is what matters) and the answer says how many earlier lines were left out.
    /// </summary>
    public AnswerBuilder AppendUntrusted(string source, string? text, string narrowHint)
    {
        AppendUntrustedRows(source, UntrustedText.Body(text).Split('\n'), "lines", narrowHint, keepLast: true);
        return this;
    }

    /// <summary>
    /// Adds rows of outside text (log lines, events, notes, commit messages) as one fenced block: as many whole rows
    /// as the budget allows — the first ones, or the last with <paramref name="keepLast"/> — then a note that says
    /// how many were left out and how to narrow the call, e.g. <c>… 12 more events; pass a later since</c>. When not
    /// even one row fits, as many of its lines as fit are shown. Rows are joined by <paramref name="separator"/>.
    /// Returns how many whole rows were written. <paramref name="reserveBytes"/> stay free for what follows.
    /// </summary>
    public int AppendUntrustedRows(string source, IReadOnlyList<string> rows, string noun, string narrowHint, bool keepLast = false, string separator = "\n", int reserveBytes = 0)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(separator);
        if (rows.Count == 0)
            return 0;

        var clean = rows.Select(UntrustedText.Body).ToList();
        var separatorBytes = Encoding.UTF8.GetByteCount(separator);
        var sizes = clean.Select(row => Encoding.UTF8.GetByteCount(row) + separatorBytes).ToList();
        // The fence's two marker lines and the newline that ends the block.
        var room = RemainingBytes - reserveBytes - Encoding.UTF8.GetByteCount(Fence.Begin(source)) - Encoding.UTF8.GetByteCount(Fence.End) - 3;
        if (sizes.Sum() > room)
            room -= Encoding.UTF8.GetByteCount(LeftOutNote(rows.Count, noun, narrowHint, keepLast)) + 1;

        var order = keepLast ? Enumerable.Range(0, clean.Count).Reverse() : Enumerable.Range(0, clean.Count);
        var kept = new List<int>();
        foreach (var i in order)
        {
            if (sizes[i] > room)
                break;
            kept.Add(i);
            room -= sizes[i];
        }

        kept.Sort();
        var body = kept.Count > 0
            ? string.Join(separator, kept.Select(i => clean[i]))
            : Part(clean[keepLast ? ^1 : 0], room, keepLast);
        if (body.Length > 0)
            TryAppendLine(Fence.Enclose(source, body));
        if (kept.Count < rows.Count)
            Note(LeftOutNote(rows.Count - kept.Count, noun, narrowHint, keepLast));
        return kept.Count;
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
        // content lines give way (never a section header or its count) and the answer says so.
        var lines = new List<string>(_lines);
        var kept = Enumerable.Range(0, lines.Count).Select(_forced.Contains).ToList();
        var bytes = _bytes;
        var dropped = 0;
        while (bytes + NotesBytes() + (dropped > 0 ? DroppedNoteBytes : 0) > BudgetBytes && kept.LastIndexOf(false) is var last && last >= 0)
        {
            bytes -= Encoding.UTF8.GetByteCount(lines[last]) + 1;
            lines.RemoveAt(last);
            kept.RemoveAt(last);
            dropped++;
        }

        if (dropped > 0)
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"… {dropped} more lines cut to fit the answer budget"));
        lines.AddRange(_notes);
        return string.Join('\n', lines).TrimEnd('\n');
    }

    private const int DroppedNoteBytes = 64;

    private int NotesBytes() => _notes.Sum(note => Encoding.UTF8.GetByteCount(note) + 1);

    private static string LeftOutNote(int left, string noun, string narrowHint, bool earlier) => earlier
        ? string.Create(CultureInfo.InvariantCulture, $"… {left} earlier {noun} not shown; {narrowHint}")
        : string.Create(CultureInfo.InvariantCulture, $"… {left} more {noun}; {narrowHint}");

    /// <summary>The whole lines of one row that fit <paramref name="maxBytes"/>, from its end with <paramref name="fromEnd"/>; at least a shortened first line.</summary>
    private static string Part(string row, int maxBytes, bool fromEnd)
    {
        var lines = row.Split('\n');
        var kept = new List<string>();
        var used = 0;
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[fromEnd ? lines.Length - 1 - n : n];
            var size = Encoding.UTF8.GetByteCount(line) + 1;
            if (used + size > maxBytes)
                break;
            kept.Add(line);
            used += size;
        }

        if (kept.Count == 0)
            return Shorten(lines[fromEnd ? ^1 : 0], maxBytes);
        if (fromEnd)
            kept.Reverse();
        return string.Join('\n', kept);
    }

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
