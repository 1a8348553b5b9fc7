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
        answer.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"collapsed {digest.Matched} lines into {Counts.Of(templates.Count, "template")} (numbers, hex ids, UUIDs, times, IPs masked): count, first–last time, template; " +
            $"{(errors + warnings == 0 ? "no error or warning lines" : $"{Counts.Of(errors, "error template")} and {Counts.Of(warnings, "warning template")} first, each with one line verbatim")}; then the last {tail.Count} lines"));

        var tailHeader = string.Create(CultureInfo.InvariantCulture, $"last {tail.Count} lines, verbatim:");
        var tailBytes = Encoding.UTF8.GetByteCount(tailHeader) + 1 + AnswerBuilder.SizeOf(tail)
            + Encoding.UTF8.GetByteCount(answer.Fence.Begin(source)) + Encoding.UTF8.GetByteCount(answer.Fence.End) + 3;
        answer.AppendUntrustedRows($"{source}, templates", [.. templates.Select(Row)], "templates", narrowHint, reserveBytes: tailBytes);
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
    public static string Row(LogTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var when = template.First is not { } first ? ""
            : template.Last is { } last && last != first ? $" {first:HH:mm:ss}–{last:HH:mm:ss}Z"
            : $" {first:HH:mm:ss}Z";
        var head = string.Create(CultureInfo.InvariantCulture, $"×{template.Count}{when} ");
        if (template.Count == 1)
            return head + Clip(template.Example);
        return template.Severity == LogSeverity.Other
            ? head + Clip(template.Text)
            : $"{head}{Clip(template.Text)}\n    e.g. {Clip(template.Example)}";
    }

    private static string Clip(string line) => line.Length <= MaxLineChars ? line : string.Concat(line.AsSpan(0, MaxLineChars), "…");
}
