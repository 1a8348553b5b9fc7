using System.Text.RegularExpressions;

namespace SreSuite.ServiceDefaults.Logs;

/// <summary>How a log line reads to a responder: an error, a warning, or anything else.</summary>
public enum LogSeverity
{
    Other,
    Warning,
    Error,
}

/// <summary>One template the miner found: its masked text, how many lines matched, when, and one verbatim example.</summary>
public sealed class LogTemplate
{
    internal LogTemplate(string[] tokens, string example, int line, DateTimeOffset? time)
    {
        Tokens = tokens;
        Example = example;
        FirstLine = LastLine = line;
        First = Last = time;
        Severity = LogTemplateMiner.SeverityOf(example);
    }

    internal string[] Tokens { get; }

    /// <summary>The template, variable parts shown as <c>&lt;num&gt;</c>, <c>&lt;hex&gt;</c>, <c>&lt;uuid&gt;</c>, <c>&lt;ip&gt;</c>, <c>&lt;ts&gt;</c> or <c>&lt;*&gt;</c>.</summary>
    public string Text => string.Join(' ', Tokens);

    public int Count { get; internal set; } = 1;

    /// <summary>The first line that matched, verbatim.</summary>
    public string Example { get; }

    public LogSeverity Severity { get; internal set; }

    /// <summary>Index of the first and last matching line in the input.</summary>
    public int FirstLine { get; internal set; }

    public int LastLine { get; internal set; }

    public DateTimeOffset? First { get; internal set; }

    public DateTimeOffset? Last { get; internal set; }
}

/// <summary>
/// A Drain-style log template miner: each line is masked (timestamps, UUIDs, IP addresses, hex ids and numbers
/// become placeholders), then joined to the template of the same length and first word that it matches in most
/// positions, where the positions that differ become <c>&lt;*&gt;</c>. Two hundred request lines that differ
/// only in their request id become one template with a count.
/// </summary>
public sealed partial class LogTemplateMiner
{
    /// <summary>Share of positions that must agree for a line to join a template.</summary>
    private const double Similarity = 0.6;

    private readonly Dictionary<(int Length, string First), List<LogTemplate>> _groups = [];
    private readonly List<LogTemplate> _templates = [];
    private int _lines;

    /// <summary>Templates in the order they first appeared.</summary>
    public IReadOnlyList<LogTemplate> Templates => _templates;

    /// <summary>Lines added so far.</summary>
    public int Lines => _lines;

    /// <summary>Adds one line (without its runtime timestamp, given as <paramref name="time"/>) and returns its template.</summary>
    public LogTemplate Add(string line, DateTimeOffset? time = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        var index = _lines++;
        var tokens = Mask(line).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var key = (tokens.Length, tokens.Length == 0 ? "" : tokens[0]);
        if (!_groups.TryGetValue(key, out var group))
            _groups[key] = group = [];

        LogTemplate? best = null;
        var bestScore = Similarity;
        foreach (var candidate in group)
        {
            var score = Score(candidate.Tokens, tokens);
            if (score >= bestScore && (best is null || score > bestScore))
                (best, bestScore) = (candidate, score);
        }

        if (best is null)
        {
            best = new LogTemplate(tokens, line, index, time);
            group.Add(best);
            _templates.Add(best);
            return best;
        }

        for (var i = 0; i < tokens.Length; i++)
        {
            if (best.Tokens[i] != tokens[i])
                best.Tokens[i] = "<*>";
        }

        best.Count++;
        best.LastLine = index;
        best.First ??= time;
        best.Last = time ?? best.Last;
        var severity = SeverityOf(line);
        if (severity > best.Severity)
            best.Severity = severity;
        return best;
    }

    /// <summary>The line with its variable parts replaced by placeholders, spaces normalized.</summary>
    public static string Mask(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var masked = Timestamp().Replace(line, "<ts>");
        masked = Uuid().Replace(masked, "<uuid>");
        masked = IpAddress().Replace(masked, "<ip>");
        masked = HexId().Replace(masked, "<hex>");
        masked = Number().Replace(masked, "<num>");
        return string.Join(' ', masked.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Error or warning by the words and level prefixes logs commonly use.</summary>
    public static LogSeverity SeverityOf(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (ErrorWords().IsMatch(line))
            return LogSeverity.Error;
        return WarningWords().IsMatch(line) ? LogSeverity.Warning : LogSeverity.Other;
    }

    private static double Score(string[] template, string[] tokens)
    {
        if (tokens.Length == 0)
            return 1;
        var same = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (template[i] == tokens[i] || template[i] == "<*>")
                same++;
        }

        return (double)same / tokens.Length;
    }

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?|\b\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\b")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b|\[[0-9a-fA-F:]*:[0-9a-fA-F:]+\](?::\d{1,5})?")]
    private static partial Regex IpAddress();

    // A run of hex with at least one digit and one letter (a request or trace id), or 0x-prefixed.
    [GeneratedRegex(@"\b0x[0-9a-fA-F]+\b|\b(?=[0-9a-fA-F]*\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{6,}\b")]
    private static partial Regex HexId();

    [GeneratedRegex(@"(?<![A-Za-z])[-+]?\d+(?:\.\d+)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"\b(?:error|err|fail|failed|failure|fatal|panic|exception|crit|critical|unhandled|traceback)\b|^\s*(?:E\d{4}|\[?ERROR\]?|fail:|crit:)", RegexOptions.IgnoreCase)]
    private static partial Regex ErrorWords();

    [GeneratedRegex(@"\b(?:warn|warning|deprecated|retrying|timeout|timed out)\b|^\s*(?:W\d{4}|\[?WARN(?:ING)?\]?)", RegexOptions.IgnoreCase)]
    private static partial Regex WarningWords();
}
