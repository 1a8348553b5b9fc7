using System.Globalization;
using System.Text.RegularExpressions;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Logs;

namespace SreSuite.InfraTools.Triage;

/// <summary>
/// A container log made readable within a budget: timestamps lifted into a time range, lines filtered by
/// include/exclude patterns, and runs of repeated or near-identical lines collapsed with a count.
/// </summary>
public sealed partial class LogDigest
{
    private LogDigest(IReadOnlyList<string> lines, IReadOnlyList<(string Text, DateTimeOffset? Time)> kept, int total, int matched, DateTimeOffset? first, DateTimeOffset? last)
    {
        Lines = lines;
        Kept = kept;
        Total = total;
        Matched = matched;
        First = first;
        Last = last;
    }

    /// <summary>The lines to show, collapsed.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The lines left after grep/exclude, verbatim, with the time the runtime recorded for each.</summary>
    public IReadOnlyList<(string Text, DateTimeOffset? Time)> Kept { get; }

    /// <summary>Lines fetched from the API server.</summary>
    public int Total { get; }

    /// <summary>Lines left after grep/exclude, before collapsing.</summary>
    public int Matched { get; }

    public DateTimeOffset? First { get; }

    public DateTimeOffset? Last { get; }

    /// <summary>
    /// Digests log text as the API server returns it with <c>timestamps=true</c>. The filters run under
    /// <paramref name="deadline"/>: the whole pass, not only each line, ends when the call's time does.
    /// </summary>
    /// <exception cref="ToolTimeoutException">a pattern took too long on one line, or the call's time ran out.</exception>
    public static LogDigest Build(string text, LogPattern? grep, LogPattern? exclude, ToolDeadline deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(deadline);
        var raw = text.Split('\n');
        var count = raw.Length > 0 && raw[^1].Length == 0 ? raw.Length - 1 : raw.Length;
        DateTimeOffset? first = null, last = null;
        var kept = new List<(string Text, DateTimeOffset? Time)>();
        for (var i = 0; i < count; i++)
        {
            var line = raw[i].TrimEnd('\r');
            DateTimeOffset? stamp = null;
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && DateTimeOffset.TryParse(line.AsSpan(0, space), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            {
                first ??= time;
                last = time;
                stamp = time;
                line = line[(space + 1)..];
            }

            if (grep is not null || exclude is not null)
            {
                // The deadline first: the call's token fires at the same moment and would read as a slow backend.
                (grep ?? exclude)!.ThrowIfExpired(deadline, i, count);
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (grep is not null && !grep.IsMatch(line, deadline, i, count))
                continue;
            if (exclude is not null && exclude.IsMatch(line, deadline, i, count))
                continue;
            kept.Add((line, stamp));
        }

        return new LogDigest(Collapse([.. kept.Select(k => k.Text)]), kept, count, kept.Count, first, last);
    }

    /// <summary>The kept lines mined into templates (numbers, hex ids, UUIDs, timestamps and IPs masked).</summary>
    public LogTemplateMiner Mine()
    {
        var miner = new LogTemplateMiner();
        foreach (var (text, time) in Kept)
            miner.Add(text, time);
        return miner;
    }

    /// <summary>
    /// Collapses runs: identical lines become one line with <c>[×N]</c>; lines that differ only in numbers keep
    /// their first and last line around a count of the similar ones between.
    /// </summary>
    public static IReadOnlyList<string> Collapse(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var output = new List<string>();
        var run = new List<string>();
        var runShape = "";
        foreach (var line in lines)
        {
            var shape = Digits().Replace(line, "#");
            if (run.Count > 0 && shape != runShape)
                Flush(run, output);
            runShape = shape;
            run.Add(line);
        }

        Flush(run, output);
        return output;
    }

    private static void Flush(List<string> run, List<string> output)
    {
        if (run.Count == 0)
            return;
        if (run.Count == 1)
            output.Add(run[0]);
        else if (run.All(line => line == run[0]))
            output.Add(string.Create(CultureInfo.InvariantCulture, $"{run[0]} [×{run.Count}]"));
        else if (run.Count == 2)
            output.AddRange(run);
        else
        {
            output.Add(run[0]);
            output.Add(string.Create(CultureInfo.InvariantCulture, $"  … {run.Count - 2} similar {(run.Count == 3 ? "line" : "lines")} (differing only in numbers) …"));
            output.Add(run[^1]);
        }

        run.Clear();
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
