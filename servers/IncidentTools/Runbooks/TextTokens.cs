namespace SreSuite.IncidentTools.Runbooks;

/// <summary>
/// Splits names and text into lower-case words for matching: <c>PaymentsApiHighErrorRate</c>,
/// <c>payments-api-high-error-rate</c> and "Payments API high error rate" give the same words.
/// </summary>
public static class TextTokens
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "is", "it", "be", "by", "if", "at", "as", "with", "this", "that", "are", "from", "when", "then",
    };

    public static List<string> Split(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrEmpty(text))
            return tokens;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            var inWord = start >= 0 && i > start;
            var boundary = !char.IsLetterOrDigit(c)
                || (inWord && char.IsUpper(c) && char.IsLower(text[i - 1]))
                || (inWord && char.IsUpper(c) && char.IsDigit(text[i - 1]) && i + 1 < text.Length && char.IsLower(text[i + 1]))
                || (inWord && char.IsUpper(c) && i + 1 < text.Length && char.IsLower(text[i + 1]) && char.IsUpper(text[i - 1]))
                // "Condition0422" splits, "k8s" and "v2" do not.
                || (inWord && char.IsDigit(c) && char.IsLetter(text[i - 1]) && i - start >= 2);
            if (boundary && start >= 0)
            {
                Add(tokens, text[start..i]);
                start = -1;
            }

            if (char.IsLetterOrDigit(c) && start < 0)
                start = i;
        }

        return tokens;
    }

    /// <summary>Lower-case words joined by single spaces, for comparing names written differently.</summary>
    public static string Normalize(string? text) => string.Join(' ', Split(text));

    private static void Add(List<string> tokens, string word)
    {
        var token = word.ToLowerInvariant();
        if (token.Length >= 2 && !StopWords.Contains(token))
            tokens.Add(token);
    }
}
