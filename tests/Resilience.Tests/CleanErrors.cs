using System.Text.RegularExpressions;

namespace SreSuite.Resilience.Tests;

/// <summary>What a failure shown to a client must never look like: the SDK's generic text, an exception, a stack trace.</summary>
public static partial class CleanErrors
{
    public static void AssertClean(string text)
    {
        Assert.False(string.IsNullOrWhiteSpace(text), "the error has no text");
        Assert.DoesNotContain("An error occurred", text, StringComparison.Ordinal);
        Assert.DoesNotContain("failed unexpectedly", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(InternalDetail(), text);
    }

    /// <summary>A stack frame, a rethrow marker, or an exception type name.</summary>
    [GeneratedRegex(@"(^|\n)\s+at [\w.`<>]+[.(]|--- End of|\w+Exception\b")]
    private static partial Regex InternalDetail();
}
