using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SreSuite.Tests;

/// <summary>
/// An answer read the way a model reads it: the server's own lines, and the bodies of its untrusted-text fences.
/// A fence opens at a line that starts with <c>--- begin untrusted text</c> and closes at the first
/// <c>--- end untrusted text</c> line (with the same nonce, when the fence has one). Whether a line merely looks like
/// a marker is judged here independently of the server's own code.
/// </summary>
public sealed partial record FencedAnswer(IReadOnlyList<string> Outside, IReadOnlyList<IReadOnlyList<string>> Fences, IReadOnlyList<string> Nonces)
{
    public static FencedAnswer Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var outside = new List<string>();
        var fences = new List<IReadOnlyList<string>>();
        var nonces = new List<string>();
        List<string>? body = null;
        string? nonce = null;
        // The Unicode line and paragraph separators end a line for a reader as a newline does.
        foreach (var line in text.Split(['\n', '\u2028', '\u2029']))
        {
            if (body is null)
            {
                var begin = BeginLine().Match(line);
                if (begin.Success)
                {
                    body = [];
                    nonce = begin.Groups["nonce"].Value;
                    nonces.Add(nonce);
                }
                else
                {
                    outside.Add(line);
                }
            }
            else if (line == (nonce!.Length == 0 ? "--- end untrusted text ---" : $"--- end untrusted text {nonce} ---"))
            {
                fences.Add(body);
                body = null;
            }
            else
            {
                body.Add(line);
            }
        }

        Assert.True(body is null, $"a fence is never closed:\n{text}");
        return new FencedAnswer(outside, fences, nonces);
    }

    /// <summary>
    /// Checks what every answer must hold: no invisible or direction-changing character anywhere; no line outside
    /// a fence, nor inside one, that reads as a fence marker (after NFKC, with white space folded and leading
    /// punctuation dropped); every fence of the answer carries the same nonce.
    /// </summary>
    public static FencedAnswer AssertSafe(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hidden = text.EnumerateRunes().Where(IsInvisible).Select(r => $"U+{r.Value:X4}").Distinct().ToList();
        Assert.True(hidden.Count == 0, $"invisible characters {string.Join(", ", hidden)} in:\n{text}");
        var answer = Parse(text);
        Assert.All(answer.Outside, line => Assert.False(ReadsAsMarker(line), $"a server line reads as a fence marker: {line}\n{text}"));
        Assert.All(answer.Fences.SelectMany(fence => fence), line => Assert.False(ReadsAsMarker(line), $"a fenced line reads as a fence marker: {line}\n{text}"));
        Assert.True(answer.Nonces.Distinct().Count() <= 1, $"fences of one answer carry different nonces:\n{text}");
        return answer;
    }

    /// <summary>True when a reader would take <paramref name="line"/> for the start or end of a fence.</summary>
    public static bool ReadsAsMarker(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var visible = string.Concat(line.EnumerateRunes().Where(r => !IsInvisible(r)).Select(r => r.ToString()));
        var words = visible.Normalize(NormalizationForm.FormKC)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(word => word.ToLowerInvariant())
            .ToList();
        var joined = string.Join(' ', words);
        var start = 0;
        while (start < joined.Length && !char.IsLetterOrDigit(joined[start]))
            start++;
        joined = joined[start..];
        return joined.StartsWith("begin untrusted", StringComparison.Ordinal) || joined.StartsWith("end untrusted", StringComparison.Ordinal);
    }

    /// <summary>Zero-width, BiDi, tag and other format characters, variation selectors, private use and controls other than newline and tab.</summary>
    public static bool IsInvisible(Rune rune)
    {
        if (rune.Value is '\n' or '\t')
            return false;
        if (rune.Value is >= 0xFE00 and <= 0xFE0F or >= 0xE0100 and <= 0xE01EF)
            return true;
        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate;
    }

    [GeneratedRegex("^--- begin untrusted text (?:(?<nonce>[0-9a-f]{12}) )?from ")]
    private static partial Regex BeginLine();
}
