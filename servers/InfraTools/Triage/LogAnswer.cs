using System.Globalization;
using System.Text;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Logs;

namespace SreSuite.InfraTools.Triage;

/// <summary>
/// The body of a log answer. A short log is shown as it is (runs of repeats collapsed). A long one is shown as
/// templates — lines that differ only in numbers, ids, times or addresses become one row with a count and their
/// first/last time — with every error and warning template first and one of its lines verbatim, then the last
/// lines verbatim, and a line saying what was collapsed. Two hundred request lines become a few rows.
/// </summary>
public static class LogAnswer
{
    /// <summary>Logs up to this size (after filters and run collapsing) are shown verbatim: mining would not help.</summary>
    public const int VerbatimBytes = 2000;

    /// <summary>Lines of the log's end shown verbatim after the templates.</summary>
    public const int TailLines = 3;

    /// <summary>A verbatim line longer than this is shortened, so one huge line cannot crowd out the rest.</summary>
    private const int MaxLineChars = 400;

    public static void Write(AnswerBuilder answer, LogDigest digest, string source, string narrowHint)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(digest);
        if (AnswerBuilder.SizeOf(digest.Lines) <= VerbatimBytes)
        {
            answer.AppendUntrustedRows(source, digest.Lines, "log lines", narrowHint, keepLast: true);
            return;
        }

        var miner = digest.Mine();
        var templates = Ordered(miner.Templates);
        var errors = templates.Count(t => t.Severity == LogSeverity.Error);
        var warnings = templates.Count(t => t.Severity == LogSeverity.Warning);
        var tail = digest.Kept.TakeLast(TailLines).Select(k => Clip(k.Text)).ToList();
        var shared = SharedStart(templates);
        answer.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"collapsed {digest.Matched} lines into {Counts.Of(templates.Count, "template")} (numbers, hex ids, UUIDs, times, IPs masked): count, first–last time, template; " +
            $"{(errors + warnings == 0 ? "no error or warning lines" : $"{Counts.Of(errors, "error template")} and {Counts.Of(warnings, "warning template")} first, each with one line verbatim")}; " +
            $"{(shared.Length == 0 ? "" : "a template's \"…\" stands for the shared start on the \"… =\" row; ")}then the last {tail.Count} lines"));

        var tailHeader = string.Create(CultureInfo.InvariantCulture, $"last {tail.Count} lines, verbatim:");
        var tailBytes = Encoding.UTF8.GetByteCount(tailHeader) + 1 + AnswerBuilder.SizeOf(tail)
            + Encoding.UTF8.GetByteCount(answer.Fence.Begin(source)) + Encoding.UTF8.GetByteCount(answer.Fence.End) + 3;
        List<string> rows = [.. templates.Select(t => Row(t, shared))];
        if (shared.Length > 0)
            rows.Insert(0, $"… = {Clip(shared)}");
        answer.AppendUntrustedRows($"{source}, templates", rows, "templates", narrowHint, reserveBytes: tailBytes);
        answer.AppendLine(tailHeader);
        answer.AppendUntrustedRows(source, tail, "log lines", narrowHint, keepLast: true);
    }

    /// <summary>Errors, then warnings, each in order of first appearance; then the rest, most frequent first.</summary>
    public static IReadOnlyList<LogTemplate> Ordered(IReadOnlyList<LogTemplate> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        return
        [
            .. templates.Where(t => t.Severity == LogSeverity.Error),
            .. templates.Where(t => t.Severity == LogSeverity.Warning),
            .. templates.Where(t => t.Severity == LogSeverity.Other).OrderByDescending(t => t.Count).ThenBy(t => t.FirstLine),
        ];
    }

    /// <summary>
    /// <c>×190 10:00:05–10:16:40Z template</c>; a template seen once is its line, verbatim; an error or warning
    /// template seen more than once adds one of its lines verbatim under it.
    /// </summary>
    public static string Row(LogTemplate template) => Row(template, "");

    /// <summary>The row, with <paramref name="shared"/> shown as <c>…</c> when it is how a collapsed info template starts.</summary>
    private static string Row(LogTemplate template, string shared)
    {
        ArgumentNullException.ThrowIfNull(template);
        var when = template.First is not { } first ? ""
            : template.Last is { } last && last != first ? $" {first:HH:mm:ss}–{last:HH:mm:ss}Z"
            : $" {first:HH:mm:ss}Z";
        var head = string.Create(CultureInfo.InvariantCulture, $"×{template.Count}{when} ");
        if (template.Count == 1)
            return head + Clip(template.Example);
        if (template.Severity == LogSeverity.Other && shared.Length > 0 && template.Text.StartsWith(shared + " ", StringComparison.Ordinal))
            return head + "… " + Clip(template.Text[(shared.Length + 1)..]);
        return template.Severity == LogSeverity.Other
            ? head + Clip(template.Text)
            : $"{head}{Clip(template.Text)}\n    e.g. {Clip(template.Example)}";
    }

    /// <summary>
    /// The words that every collapsed info template (seen more than once) begins with, when there are several and
    /// the start is long: request lines of one logger differ only in method and route, and repeating
    /// <c>info: Microsoft.AspNetCore.Hosting.Diagnostics[&lt;num&gt;] Request finished HTTP/&lt;num&gt;</c> on each row
    /// would spend the budget on what they have in common. Empty otherwise.
    /// </summary>
    private static string SharedStart(IReadOnlyList<LogTemplate> templates)
    {
        var collapsed = templates.Where(t => t.Severity == LogSeverity.Other && t.Count > 1).Select(t => t.Text.Split(' ')).ToList();
        if (collapsed.Count < 2)
            return "";
        var length = collapsed.Min(words => words.Length) - 1;
        foreach (var words in collapsed.Skip(1))
        {
            var same = 0;
            while (same < length && words[same] == collapsed[0][same])
                same++;
            length = same;
        }

        var start = string.Join(' ', collapsed[0].Take(length));
        return start.Length >= MinSharedStartChars ? start : "";
    }

    /// <summary>A shared start shorter than this is left on each row: replacing it would not save enough to be worth the indirection.</summary>
    private const int MinSharedStartChars = 24;

    private static string Clip(string line) => line.Length <= MaxLineChars ? line : string.Concat(line.AsSpan(0, MaxLineChars), "…");
}
