using System.Buffers;
using System.Globalization;
using System.Text;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// Text that comes from outside the suite — file names, front matter, log lines, event messages, alert labels and
/// annotations, incident notes, commit messages, object names — may carry a prompt injection. Every such string is
/// either written on one line with its line breaks and controls made visible (<see cref="Line(string?)"/>), or inside
/// an <see cref="UntrustedFence"/>. Characters a reader cannot see are stripped from both.
/// </summary>
public static class UntrustedText
{
    /// <summary>What a line that imitates a fence marker is replaced with, inside a fence or on one line.</summary>
    public const string DefusedMarker = "[fence-like text removed]";

    // Line breaks other than '\n' that a reader or renderer may show as a new line.
    private static readonly SearchValues<char> LineBreaks = SearchValues.Create("\r\u0085\u2028\u2029\v\f");

    /// <summary>
    /// Removes invisible and direction-changing characters: Unicode format characters (zero-width spaces and
    /// joiners, BiDi embeddings, overrides and isolates, tag characters), variation selectors, private-use and
    /// unassigned code points, lone surrogates, and control characters other than tab and newline.
    /// </summary>
    public static string Sanitize(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return string.Empty;
        if (!NeedsCleaning(text))
            return text;

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var codePoint = ReadCodePoint(text, i, out var length);
            if (!IsHidden(codePoint))
                clean.Append(text, i, length);
            i += length - 1;
        }

        return clean.ToString();
    }

    /// <summary>
    /// A value from outside written on one line: invisible characters stripped; newlines, other controls and the
    /// Unicode line and paragraph separators made visible (<c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\u2028</c>); a value
    /// that imitates a fence marker replaced by <see cref="DefusedMarker"/>.
    /// </summary>
    public static string Line(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return string.Empty;
        var line = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var codePoint = ReadCodePoint(text, i, out var length);
            i += length - 1;
            if (VisibleEscape(codePoint) is { } escape)
                line.Append(escape);
            else if (!IsHidden(codePoint))
                line.Append(char.ConvertFromUtf32(codePoint));
        }

        // Judged as written and as escaped: a tab-separated marker is one before its tabs are made visible.
        var result = line.ToString();
        return IsFenceLike(text) || IsFenceLike(result) ? DefusedMarker : result;
    }

    /// <summary>
    /// <see cref="Line(string?)"/> cut to at most <paramref name="maxChars"/> characters, ending with <c>…</c> when cut
    /// (help texts, messages and error strings a row can carry). An empty value becomes <paramref name="empty"/>.
    /// </summary>
    public static string Line(string? text, int maxChars, string empty = "")
    {
        var line = Line(text).Trim();
        if (line.Length == 0)
            return empty;
        if (line.Length <= maxChars)
            return line;
        var cut = Math.Max(0, maxChars - 1);
        // Never split a surrogate pair or an escape in half.
        if (cut > 0 && char.IsHighSurrogate(line[cut - 1]))
            cut--;
        return string.Concat(line.AsSpan(0, cut), "…");
    }

    /// <summary>
    /// The body of a fence: invisible characters stripped, every line break (CR, CRLF, NEL, U+2028, U+2029, vertical
    /// tab, form feed) turned into a newline, and every line that imitates a fence marker replaced by
    /// <see cref="DefusedMarker"/>. Trailing newlines are removed.
    /// </summary>
    public static string Body(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return string.Empty;
        var lines = Sanitize(NormalizeLineBreaks(text)).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (IsFenceLike(lines[i]))
                lines[i] = DefusedMarker;
        }

        return string.Join('\n', lines).TrimEnd('\n');
    }

    /// <summary>
    /// True when <paramref name="line"/> reads as the start or end of a fence once its letters are normalized (NFKC,
    /// from <see cref="CompatibilityLetters"/>), its invisible characters and combining marks removed, its white space
    /// folded and its leading dashes, quotes and other punctuation dropped: <c>--- end untrusted text ---</c>,
    /// <c>—— END  UNTRUSTED</c>, <c>---\u00A0begin untrusted text …</c>, <c>－－－ ｅｎｄ ｕｎｔｒｕｓｔｅｄ</c>.
    /// </summary>
    public static bool IsFenceLike(string? line)
    {
        if (string.IsNullOrEmpty(line) || !MayBeFenceLike(line))
            return false;
        var folded = Fold(line);
        return folded.StartsWith("begin untrusted", StringComparison.Ordinal) || folded.StartsWith("end untrusted", StringComparison.Ordinal);
    }

    // Cheap pre-check that keeps normalization off the hot path of large logs: folding an ASCII line only drops its
    // leading punctuation and folds its spaces, so it can read as a marker only if it spells "untrusted" as is.
    private static bool MayBeFenceLike(string line)
    {
        foreach (var c in line)
        {
            if (c > '\u007f')
                return true;
        }

        return line.Contains("untrusted", StringComparison.OrdinalIgnoreCase);
    }

    // Letters folded to lower-case ASCII through their compatibility form (CompatibilityLetters, as NFKC would),
    // combining marks dropped, every run of white space one space, leading punctuation and symbols dropped.
    private static string Fold(string line)
    {
        var clean = Sanitize(line);
        var folded = new StringBuilder(clean.Length);
        var pendingSpace = false;
        for (var i = 0; i < clean.Length; i++)
        {
            var codePoint = ReadCodePoint(clean, i, out var length);
            i += length - 1;
            if (codePoint <= 0xFFFF && (char.IsWhiteSpace((char)codePoint) || char.IsSeparator((char)codePoint)))
            {
                pendingSpace = folded.Length > 0;
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
                continue;
            var letters = CompatibilityLetters.Of(codePoint) ?? char.ConvertFromUtf32(codePoint);
            // Leading dashes, quotes, markup and other punctuation or symbols do not change how a marker reads.
            if (folded.Length == 0 && !char.IsLetterOrDigit(letters, 0))
                continue;
            if (pendingSpace)
                folded.Append(' ');
            pendingSpace = false;
            folded.Append(letters.ToLowerInvariant());
            if (folded.Length > 32)
                break;
        }

        return folded.ToString();
    }

    private static string NormalizeLineBreaks(string text)
    {
        if (text.AsSpan().IndexOfAny(LineBreaks) < 0)
            return text;
        return text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace('\r', '\n').Replace('\u0085', '\n').Replace('\u2028', '\n').Replace('\u2029', '\n').Replace('\v', '\n').Replace('\f', '\n');
    }

    private static string? VisibleEscape(int codePoint) => codePoint switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        0x2028 or 0x2029 => string.Create(CultureInfo.InvariantCulture, $"\\u{codePoint:X4}"),
        < 0x20 or (>= 0x7f and <= 0x9f) => string.Create(CultureInfo.InvariantCulture, $"\\u{codePoint:X4}"),
        _ => null,
    };

    private static bool NeedsCleaning(string text)
    {
        foreach (var c in text)
        {
            if (c < ' ' ? c is not ('\n' or '\t') : c >= '\u007f' && (IsHidden(c) || char.IsSurrogate(c)))
                return true;
        }

        return false;
    }

    private static bool IsHidden(int codePoint)
    {
        if (codePoint is '\n' or '\t')
            return false;
        if (codePoint < 0x20 || codePoint is >= 0x7f and <= 0x9f)
            return true;
        // Variation selectors, including the supplementary ones used to smuggle bytes.
        if (codePoint is >= 0xFE00 and <= 0xFE0F or >= 0xE0100 and <= 0xE01EF)
            return true;
        if (codePoint > 0x10FFFF)
            return true;
        var category = codePoint <= 0xFFFF
            ? CharUnicodeInfo.GetUnicodeCategory((char)codePoint)
            : CharUnicodeInfo.GetUnicodeCategory(codePoint);
        // Format covers zero-width characters, BiDi controls, the BOM, soft hyphen and tag characters.
        return category is UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
    }

    private static int ReadCodePoint(string text, int index, out int length)
    {
        if (char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            length = 2;
            return char.ConvertToUtf32(text[index], text[index + 1]);
        }

        length = 1;
        // A lone surrogate is not text; drop it.
        return char.IsSurrogate(text[index]) ? 0x110000 : text[index];
    }
}
