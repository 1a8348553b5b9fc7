using System.Text;
using System.Text.RegularExpressions;

namespace SreSuite.AppHost.Tests;

/// <summary>One command of a shell block: where it is written, its leading <c>NAME=value</c> assignments and its words.</summary>
/// <param name="Notes">The comments written after it (<c># …</c> at its end or on the lines below), e.g. an expected answer.</param>
public sealed record DocumentedCommand(string File, int Line, string Text, IReadOnlyDictionary<string, string> Environment, IReadOnlyList<string> Words, IReadOnlyList<string> Notes)
{
    public string Where => $"{File}:{Line}";

    /// <summary>The program run; null for a line of assignments only (<c>Guardrails__DenyTools=k8s_pod_logs</c>).</summary>
    public string? Program => Words.Count > 0 ? Words[0] : null;

    /// <summary>The value after <paramref name="option"/> (<c>--project AppHost</c>), or null.</summary>
    public string? Option(string option)
    {
        var index = Words.ToList().IndexOf(option);
        return index >= 0 && index + 1 < Words.Count ? Words[index + 1] : null;
    }

    /// <summary>The program's own arguments: what <c>dotnet run</c> passes on after <c>--</c>.</summary>
    public IReadOnlyList<string> ProgramArguments
    {
        get
        {
            var index = Words.ToList().IndexOf("--");
            return index < 0 ? [] : [.. Words.Skip(index + 1)];
        }
    }
}

/// <summary>A fenced <c>bash</c>/<c>sh</c> block of README.md or a page of docs/.</summary>
public sealed record DocumentedBlock(string File, int Line, IReadOnlyList<DocumentedCommand> Commands)
{
    public string Where => $"{File}:{Line}";
}

/// <summary>Reads the shell blocks of README.md and docs/*.md as a reader would type them.</summary>
public static partial class DocumentedCommands
{
    public static IReadOnlyList<string> Pages(string root) =>
        ["README.md", .. Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Select(path => $"docs/{Path.GetFileName(path)}").Order(StringComparer.Ordinal)];

    public static IReadOnlyList<DocumentedBlock> Read(string root)
    {
        var blocks = new List<DocumentedBlock>();
        foreach (var page in Pages(root))
            blocks.AddRange(ReadPage(page, File.ReadAllLines(Path.Combine(root, page))));
        return blocks;
    }

    public static IReadOnlyList<DocumentedBlock> ReadPage(string page, IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var blocks = new List<DocumentedBlock>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (!ShellFence().IsMatch(lines[i].Trim()))
                continue;
            var blockLine = i + 1;
            var commands = new List<(int Line, string Text, List<string> Notes)>();
            for (i++; i < lines.Count && !lines[i].Trim().StartsWith("```", StringComparison.Ordinal); i++)
            {
                var line = lines[i].Trim();
                if (line.Length == 0)
                    continue;
                if (line.StartsWith('#'))
                {
                    if (commands.Count > 0)
                        commands[^1].Notes.Add(line.TrimStart('#').Trim());
                    continue;
                }

                var start = i + 1;
                var text = new StringBuilder();
                while (line.EndsWith('\\') && i + 1 < lines.Count)
                {
                    text.Append(line[..^1].TrimEnd()).Append(' ');
                    line = lines[++i].Trim();
                }

                text.Append(line);
                var (command, comment) = SplitComment(text.ToString());
                var notes = comment is null ? new List<string>() : [comment];
                foreach (var part in SplitOutsideQuotes(command, "&&"))
                    commands.Add((start, part.Trim(), notes));
            }

            blocks.Add(new DocumentedBlock(page, blockLine, [.. commands.Select(c => Parse(page, c.Line, c.Text, c.Notes))]));
        }

        return blocks;
    }

    private static DocumentedCommand Parse(string page, int line, string text, IReadOnlyList<string> notes)
    {
        var words = Words(text);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var first = 0;
        for (; first < words.Count && Assignment().Match(words[first]) is { Success: true } match; first++)
            environment[match.Groups["name"].Value] = match.Groups["value"].Value;
        return new DocumentedCommand(page, line, text, environment, [.. words.Skip(first)], notes);
    }

    /// <summary>Shell words: split at blanks outside quotes, the quotes removed.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in text)
        {
            if (quote is not null)
            {
                if (c == quote)
                    quote = null;
                else
                    word.Append(c);
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                    words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (quote is not null)
            throw new FormatException($"unclosed {quote} quote in: {text}");
        if (inWord)
            words.Add(word.ToString());
        return words;
    }

    /// <summary>The command and the comment after a <c>#</c> that starts a word outside quotes.</summary>
    private static (string Command, string? Comment) SplitComment(string text)
    {
        foreach (var i in UnquotedIndices(text))
        {
            if (text[i] == '#' && (i == 0 || char.IsWhiteSpace(text[i - 1])))
                return (text[..i].TrimEnd(), text[(i + 1)..].Trim());
        }

        return (text, null);
    }

    private static IEnumerable<string> SplitOutsideQuotes(string text, string separator)
    {
        var start = 0;
        foreach (var i in UnquotedIndices(text))
        {
            if (i >= start && string.CompareOrdinal(text, i, separator, 0, separator.Length) == 0)
            {
                yield return text[start..i];
                start = i + separator.Length;
            }
        }

        yield return text[start..];
    }

    /// <summary>The positions of <paramref name="text"/> outside single or double quotes (the quote characters excluded).</summary>
    private static IEnumerable<int> UnquotedIndices(string text)
    {
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
                quote = c == quote ? null : quote;
            else if (c is '\'' or '"')
                quote = c;
            else
                yield return i;
        }
    }

    [GeneratedRegex(@"^```(bash|sh|shell|console)\s*$")]
    private static partial Regex ShellFence();

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>.*)$")]
    private static partial Regex Assignment();
}
