using System.Text;
using System.Text.RegularExpressions;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ObservabilityTools.Analysis;

/// <summary>One label matcher as Alertmanager takes it: <c>name="v"</c>, <c>name!="v"</c>, <c>name=~"re"</c>, <c>name!~"re"</c>.</summary>
public sealed record AlertMatcher(string Name, string Value, bool IsRegex, bool IsEqual)
{
    /// <summary>The matcher in Alertmanager's filter syntax, value quoted and escaped.</summary>
    public override string ToString()
    {
        var op = (IsEqual, IsRegex) switch
        {
            (true, false) => "=",
            (false, false) => "!=",
            (true, true) => "=~",
            (false, true) => "!~",
        };
        var value = Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return $"{Name}{op}\"{value}\"";
    }

    /// <summary>True for <c>name="value"</c> with a non-empty value: a matcher that pins alerts down.</summary>
    public bool IsPinning => IsEqual && !IsRegex && Value.Length > 0;
}

/// <summary>
/// Parses matcher lists the way people write them: <c>{alertname="X", service=~"pay.*"}</c>, with or without
/// braces, values quoted or bare (<c>alertname=X</c>).
/// </summary>
public static partial class AlertMatchers
{
    public const int MaxMatchers = 20;

    /// <summary>Parses <paramref name="text"/>; refuses it naming <paramref name="argument"/> and saying what is wrong.</summary>
    public static IReadOnlyList<AlertMatcher> Parse(string? text, string argument)
    {
        var input = text?.Trim() ?? string.Empty;
        if (input.StartsWith('{') && input.EndsWith('}'))
            input = input[1..^1].Trim();
        var matchers = new List<AlertMatcher>();
        var position = 0;
        while (position < input.Length)
        {
            SkipSpace(input, ref position);
            if (position >= input.Length)
                break;
            var name = LabelName().Match(input, position);
            if (!name.Success || name.Index != position)
                throw Refuse(argument, $"expected a label name at '{Excerpt(input, position)}'");
            position += name.Length;
            SkipSpace(input, ref position);
            var op = Operator().Match(input, position);
            if (!op.Success || op.Index != position)
                throw Refuse(argument, $"expected =, !=, =~ or !~ after '{name.Value}'");
            position += op.Length;
            SkipSpace(input, ref position);
            var value = input.ElementAtOrDefault(position) is '"' or '\'' ? ReadQuoted(input, ref position, argument) : ReadBare(input, ref position, argument);
            var isRegex = op.Value.EndsWith('~');
            if (isRegex)
                CheckRegex(value, name.Value, argument);
            matchers.Add(new AlertMatcher(name.Value, UntrustedText.Sanitize(value), isRegex, !op.Value.StartsWith('!')));
            SkipSpace(input, ref position);
            if (position < input.Length)
            {
                if (input[position] != ',')
                    throw Refuse(argument, $"expected ',' between matchers at '{Excerpt(input, position)}'");
                position++;
            }
        }

        if (matchers.Count > MaxMatchers)
            throw Refuse(argument, $"at most {MaxMatchers} matchers");
        return matchers;
    }

    public static string Format(IEnumerable<AlertMatcher> matchers) => "{" + string.Join(",", matchers) + "}";

    private static string ReadQuoted(string input, ref int position, string argument)
    {
        var quote = input[position++];
        var value = new StringBuilder();
        while (position < input.Length && input[position] != quote)
        {
            var c = input[position++];
            if (c == '\\' && position < input.Length)
            {
                var escaped = input[position++];
                value.Append(escaped switch { 'n' => '\n', 't' => '\t', _ => escaped });
            }
            else
            {
                value.Append(c);
            }
        }

        if (position >= input.Length)
            throw Refuse(argument, "a quoted value is not closed");
        position++;
        return value.ToString();
    }

    private static string ReadBare(string input, ref int position, string argument)
    {
        var start = position;
        while (position < input.Length && input[position] != ',' && !char.IsWhiteSpace(input[position]))
        {
            if (input[position] is '"' or '\'')
                throw Refuse(argument, $"unbalanced quote in '{input[start..(position + 1)]}'");
            position++;
        }

        return input[start..position];
    }

    private static void CheckRegex(string pattern, string name, string argument)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            throw Refuse(argument, $"the regex of {name} is invalid ({ex.Message.Split('\n')[0]})");
        }
        catch (NotSupportedException)
        {
            // Constructs .NET's non-backtracking engine lacks are left for Alertmanager (RE2) to judge.
        }
    }

    private static void SkipSpace(string input, ref int position)
    {
        while (position < input.Length && char.IsWhiteSpace(input[position]))
            position++;
    }

    private static string Excerpt(string input, int position) =>
        input.Length - position > 20 ? string.Concat(input.AsSpan(position, 20), "…") : input[position..];

    private static ToolInputException Refuse(string argument, string problem) =>
        new(argument, $"{problem}; write matchers like alertname=\"PaymentsApiHighErrorRate\", service=~\"pay.*\".");

    [GeneratedRegex(@"[a-zA-Z_][a-zA-Z0-9_]*", RegexOptions.CultureInvariant)]
    private static partial Regex LabelName();

    [GeneratedRegex(@"=~|!~|!=|=", RegexOptions.CultureInvariant)]
    private static partial Regex Operator();
}
