using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// The one redactor that keeps secrets out of tool answers, errors and audit records. It replaces by
/// <c>[redacted]</c>: every configured value whose setting name is a credential (<see cref="CredentialNames"/>);
/// every runtime secret a server registers at start (InfraTools: the kubeconfig's token, password and key data);
/// and secret-shaped text wherever it comes from (pod logs, ConfigMaps, echoed errors) — authorization values,
/// <c>NAME=value</c> and <c>"name": "value"</c> pairs whose name is a credential, passwords in URLs, private key
/// blocks, AWS access key ids, GitHub tokens and JWTs.
/// </summary>
public sealed partial class SecretScrubber
{
    public const string Redacted = "[redacted]";

    // Shorter values would redact ordinary words.
    private const int MinimumSecretLength = 6;

    private readonly Lock _gate = new();

    // Longest first, so a secret containing another is replaced whole. Replaced as a whole array, so Scrub needs no lock.
    private volatile string[] _secrets;

    public SecretScrubber(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _secrets = [.. configuration.AsEnumerable()
            .Where(pair => pair.Value is { Length: >= MinimumSecretLength } && CredentialNames.LooksLikeCredential(pair.Key))
            .Select(pair => pair.Value!)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(value => value.Length)];
    }

    /// <summary>
    /// Registers values known only at run time (a kubeconfig's token, an exec plugin's token) so that every later
    /// answer, error and audit record masks them. Values shorter than six characters are ignored.
    /// </summary>
    public void AddRuntimeSecrets(IEnumerable<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var fresh = values.Where(value => value is { Length: >= MinimumSecretLength }).Select(value => value!).ToList();
        if (fresh.Count == 0)
            return;
        lock (_gate)
        {
            var current = _secrets;
            if (fresh.All(value => current.Contains(value, StringComparer.Ordinal)))
                return;
            _secrets = [.. current.Concat(fresh).Distinct(StringComparer.Ordinal).OrderByDescending(value => value.Length)];
        }
    }

    /// <summary>True when <paramref name="value"/> is already registered (cheap enough to call per request).</summary>
    public bool IsKnown(string value) => _secrets.Contains(value, StringComparer.Ordinal);

    public string Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return text ?? string.Empty;
        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
                text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        }

        try
        {
            text = SecretShapedValue().Replace(text, RedactShape);
            return RedactCredentialPairs(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return $"{Redacted} (this text could not be checked for secrets in time, so none of it is shown)";
        }
    }

    private static string RedactShape(Match match)
    {
        if (match.Groups["scheme"].Success)
            return $"{match.Groups["scheme"].Value} {Redacted}";
        if (match.Groups["keyhead"].Success)
            return $"{match.Groups["keyhead"].Value} {Redacted}";
        if (match.Groups["urlhead"].Success)
            return $"{match.Groups["urlhead"].Value}{Redacted}@";
        return Redacted;
    }

    /// <summary>
    /// Masks the value after every <c>name=</c> or <c>name:</c> whose name is a credential. Names are found one by
    /// one without consuming values, so <c>JAVA_OPTS=-Ddb.password=x</c> still finds <c>db.password</c>.
    /// </summary>
    private static string RedactCredentialPairs(string text)
    {
        StringBuilder? output = null;
        var copied = 0;
        var match = NameThenSeparator().Match(text);
        while (match.Success)
        {
            var valueStart = match.Index + match.Length;
            if (valueStart >= copied && CredentialNames.LooksLikeCredential(match.Groups["name"].Value)
                && ValueAt(text, valueStart) is { Length: > 0 } value && !IsHarmless(text, value)
                && (match.Groups["sep"].Value == "=" || IsQuoted(text, value) || !IsProse(text, value)))
            {
                output ??= new StringBuilder(text.Length);
                output.Append(text, copied, value.Start - copied).Append(Redacted);
                copied = value.Start + value.Length;
            }

            match = match.NextMatch();
        }

        return output is null ? text : output.Append(text, copied, text.Length - copied).ToString();
    }

    private readonly record struct Span(int Start, int Length);

    /// <summary>The value starting at <paramref name="start"/>: a quoted string's contents, or a run of ordinary characters.</summary>
    private static Span? ValueAt(string text, int start)
    {
        if (start >= text.Length)
            return null;
        var escapedQuote = text[start] == '\\' && start + 1 < text.Length && text[start + 1] is '"' or '\'';
        if (escapedQuote || text[start] is '"' or '\'')
        {
            var open = escapedQuote ? text.Substring(start, 2) : text[start].ToString();
            var from = start + open.Length;
            var end = text.IndexOf(open, from, StringComparison.Ordinal);
            var lineEnd = text.IndexOfAny(['\r', '\n'], from);
            if (end < 0 || (lineEnd >= 0 && lineEnd < end))
                end = lineEnd < 0 ? text.Length : lineEnd;
            return new Span(from, end - from);
        }

        var length = 0;
        while (start + length < text.Length && !char.IsWhiteSpace(text[start + length]) && !ValueEnds.Contains(text[start + length]))
            length++;
        return new Span(start, length);
    }

    private static bool IsQuoted(string text, Span value) => value.Start > 0 && text[value.Start - 1] is '"' or '\'';

    /// <summary>
    /// A label followed by words (<c>secrets: never read</c>, <c>prometheus auth: bearer token from …</c>) is the
    /// server describing something; <c>password: hunter2</c> ends its line or its field.
    /// </summary>
    private static bool IsProse(string text, Span value)
    {
        var next = value.Start + value.Length;
        while (next < text.Length && text[next] is ' ' or '\t')
            next++;
        return next < text.Length && next > value.Start + value.Length && text[next] is not ('\r' or '\n' or ',' or '}' or ';' or '&' or ']');
    }

    private static readonly SearchValues<char> ValueEnds = SearchValues.Create("\"'<>()[]{},;&\\`|");

    /// <summary>Values that are not secrets: already redacted, a reference to a Secret, or an auth scheme the shape pass handled.</summary>
    private static bool IsHarmless(string text, Span value)
    {
        var span = text.AsSpan(value.Start, value.Length);
        // KUBECONFIG=/path after "credentials:" is an assignment of its own, judged by its own name.
        return span.StartsWith(Redacted, StringComparison.Ordinal)
            || AssignmentStart().IsMatch(span)
            || span.StartsWith("<secret ", StringComparison.Ordinal)
            || span.StartsWith("(redacted", StringComparison.Ordinal)
            || span.StartsWith("$", StringComparison.Ordinal)
            || span.Equals("Bearer", StringComparison.Ordinal)
            || span.Equals("Basic", StringComparison.Ordinal)
            || span.Equals("Token", StringComparison.Ordinal);
    }

    [GeneratedRegex(
        @"(?<scheme>\b(?:Bearer|Basic|Token\s+token=))\s*[A-Za-z0-9\-._~+/=]{8,}"
        + @"|(?<keyhead>-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY-----)[\s\S]*?(?:-----END[A-Z0-9 ]{0,40}PRIVATE KEY-----|\z)"
        + @"|(?<urlhead>\b[A-Za-z][A-Za-z0-9+.\-]{0,20}://[^\s:/@]{0,128}:)[^\s/@]{1,256}@"
        + @"|\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"
        + @"|\bgh[pousr]_[A-Za-z0-9]{36,255}"
        + @"|\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex SecretShapedValue();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*=", RegexOptions.CultureInvariant)]
    private static partial Regex AssignmentStart();

    // A name, an optional closing quote (JSON, possibly escaped), then = or : with optional blanks.
    [GeneratedRegex(@"\b(?<name>[A-Za-z][A-Za-z0-9_.\-]{0,63})\\?[""']?[ \t]*(?<sep>[=:])[ \t]*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex NameThenSeparator();
}
