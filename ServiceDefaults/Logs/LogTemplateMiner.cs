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

    public LogSeverity Severity { get; }

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
/// <para>
/// Some tokens say what a line is about rather than carry a value: a path, route or URL, an HTTP method, a code
/// location or logger name (<c>com.shop.Cart.add(</c>, <c>Orders.Worker[</c>), and the key of a <c>key=value</c>
/// or JSON <c>"key":value</c> pair. Those are structural: lines that differ in one never share a template, so
/// <c>GET /healthz 200 1ms</c> and <c>GET /api/v1/orders 200 15ms</c> stay two rows and a reader still sees which
/// routes were hit and that most lines were probes. Ids inside them are masked first, so
/// <c>/v1/orders/&lt;num&gt;</c> is still one route. A pair's value that is not structural may vary
/// (<c>client=&lt;*&gt;</c>).
/// </para>
/// </summary>
public sealed partial class LogTemplateMiner
{
    /// <summary>Share of positions that must agree for a line to join a template.</summary>
    private const double Similarity = 0.6;

    // Lines of different severity never share a template, so every error and warning keeps its own example.
    private readonly Dictionary<(int Length, string First, LogSeverity Severity), List<LogTemplate>> _groups = [];
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
        var severity = SeverityOf(line);
        var key = (tokens.Length, tokens.Length == 0 ? "" : tokens[0], severity);
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
            if (Compare(best.Tokens[i], tokens[i]) == Alike.Different)
                best.Tokens[i] = Generalize(tokens[i]);
        }

        best.Count++;
        best.LastLine = index;
        best.First ??= time;
        best.Last = time ?? best.Last;
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
        // A JSON log line is one long token; its pairs become tokens so that values can vary and keys cannot.
        if (masked.TrimStart().StartsWith('{'))
            masked = masked.Replace(",\"", ", \"", StringComparison.Ordinal);
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

    /// <summary>Share of positions alike, or -1 when a structural token differs (the line must not join).</summary>
    private static double Score(string[] template, string[] tokens)
    {
        if (tokens.Length == 0)
            return 1;
        var same = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            switch (Compare(template[i], tokens[i]))
            {
                case Alike.Same:
                    same++;
                    break;
                case Alike.Structural:
                    return -1;
            }
        }

        return (double)same / tokens.Length;
    }

    private enum Alike
    {
        Same,
        Different,
        Structural,
    }

    /// <summary>How a template's token and a line's token compare; <see cref="Alike.Structural"/> forbids the join.</summary>
    private static Alike Compare(string template, string token)
    {
        if (template == token)
            return Alike.Same;
        if (IsStructural(token) || IsStructural(template))
            return Alike.Structural;
        if (template == Wildcard)
            return Alike.Same;
        var (templateKey, templateValue, _) = Pair(template);
        var (key, _, _) = Pair(token);
        if (templateKey is null && key is null)
            return Alike.Different;
        if (templateKey != key)
            return Alike.Structural;
        return templateValue == Wildcard ? Alike.Same : Alike.Different;
    }

    /// <summary>What a token that differs becomes in the template: <c>key=&lt;*&gt;</c> for a pair, else <c>&lt;*&gt;</c>.</summary>
    private static string Generalize(string token)
    {
        var (key, _, prefixLength) = Pair(token);
        if (key is null)
            return Wildcard;
        var end = token.Length;
        while (end > prefixLength && token[end - 1] is ',' or '}')
            end--;
        return string.Concat(token.AsSpan(0, prefixLength), Wildcard, token.AsSpan(end));
    }

    /// <summary>
    /// A path, route or URL (leading slash before a word, or a scheme), an HTTP method, or a code location or
    /// logger name; a pair is structural when its value is. <c>shop/web-1</c> or <c>text/plain</c> is a value.
    /// </summary>
    private static bool IsStructural(string token)
    {
        var (key, value, _) = Pair(token);
        var text = key is null ? token : value!;
        var bare = Placeholder().Replace(text, "");
        return PathLike().IsMatch(bare) || HttpMethod().IsMatch(text) || CodeName().IsMatch(text);
    }

    /// <summary>The key and value of <c>key=value</c> or <c>"key":value</c>, and where the value starts; no key otherwise.</summary>
    private static (string? Key, string? Value, int PrefixLength) Pair(string token)
    {
        var match = KeyValue().Match(token);
        if (!match.Success)
            return (null, null, 0);
        var value = match.Groups["value"];
        return (match.Groups["key"].Value, value.Value.TrimEnd(',', '}'), value.Index);
    }

    private const string Wildcard = "<*>";

    [GeneratedRegex(@"<(?:num|hex|uuid|ip|ts|\*)>")]
    private static partial Regex Placeholder();

    // /healthz, /api/v1/orders, "/v1/items", http://<ip>/x (placeholders removed first); not /<num> or <num>/<num>.
    [GeneratedRegex(@"^[""'(\[]?/[A-Za-z_]|://")]
    private static partial Regex PathLike();

    // Alone or quoted as in an access log's request field ("GET).
    [GeneratedRegex(@"^[""'\[(]?(?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|CONNECT|TRACE)[""'\])]?$")]
    private static partial Regex HttpMethod();

    // A dotted name followed by a call or category bracket: com.shop.Cart.add(Cart.java:<num>), Orders.Worker[<num>].
    [GeneratedRegex(@"^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$<][\w$<>]*)+[(\[]")]
    private static partial Regex CodeName();

    [GeneratedRegex(@"^[{\[,]?(?:""(?<key>[^""]+)""\s*:|(?<key>[A-Za-z_][\w.\-]*)=)(?<value>.*)$")]
    private static partial Regex KeyValue();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?|\b\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\b")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b|\[[0-9a-fA-F:]*:[0-9a-fA-F:]+\](?::\d{1,5})?")]
    private static partial Regex IpAddress();

    // A run of hex with at least one digit and one letter (a request or trace id), or 0x-prefixed.
    [GeneratedRegex(@"\b0x[0-9a-fA-F]+\b|\b(?=[0-9a-fA-F]*\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{6,}\b")]
    private static partial Regex HexId();

    // Not inside a word: GeneratedMethodAccessor112 and v1 are names (before, the 12 of 112 was masked).
    [GeneratedRegex(@"(?<![A-Za-z\d])[-+]?\d+(?:\.\d+)?")]
    private static partial Regex Number();

    // Exception and error class names count too (java.lang.NullPointerException, OutOfMemoryError, ValueError): their
    // "Exception"/"Error" is the end of a CamelCase word, with no word boundary before it. Case-sensitive, so isError or
    // a DNS server's NOERROR are not errors.
    [GeneratedRegex(@"\b(?:error|err|fail|failed|failure|fatal|panic|exception|crit|critical|unhandled|traceback)\b|^\s*(?:E\d{4}|\[?ERROR\]?|fail:|crit:)|(?-i:\b[A-Z]\w*(?:Exception|Error)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ErrorWords();

    [GeneratedRegex(@"\b(?:warn|warning|deprecated|retrying|timeout|timed out)\b|^\s*(?:W\d{4}|\[?WARN(?:ING)?\]?)", RegexOptions.IgnoreCase)]
    private static partial Regex WarningWords();
}
