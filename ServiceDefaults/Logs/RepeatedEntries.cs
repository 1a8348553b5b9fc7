using System.Globalization;

namespace SreSuite.ServiceDefaults.Logs;

/// <summary>One distinct entry of a log-like list: its text, how often it occurred, and when first and last.</summary>
public sealed record CollapsedEntry(string Text, int Count, DateTimeOffset First, DateTimeOffset Last)
{
    /// <summary>
    /// One line, led by the first time: <c>2026-01-31T14:00:00Z escalate: … (×22, last 2026-01-31T15:24:00Z)</c>;
    /// an entry seen once reads as itself.
    /// </summary>
    public string Format(Func<DateTimeOffset, string> time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Count == 1
            ? $"{time(First)} {Text}"
            : string.Create(CultureInfo.InvariantCulture, $"{time(First)} {Text} (×{Count}, last {time(Last)})");
    }
}

/// <summary>
/// Collapses repeats in log-like lists (incident log entries, notifications, timelines): entries with the same text
/// become one with a count and their first and last time, wherever they occur in the list, so an incident that
/// re-notifies every four minutes reads as a handful of lines. Every distinct entry is kept, in the order it first
/// occurred; the caller decides the order of the input (oldest first here means the output is oldest first too).
/// </summary>
public static class RepeatedEntries
{
    public static IReadOnlyList<CollapsedEntry> Collapse(IEnumerable<(DateTimeOffset At, string Text)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var byText = new Dictionary<string, int>(StringComparer.Ordinal);
        var collapsed = new List<CollapsedEntry>();
        foreach (var (at, text) in entries)
        {
            if (byText.TryGetValue(text, out var index))
            {
                var seen = collapsed[index];
                collapsed[index] = seen with
                {
                    Count = seen.Count + 1,
                    First = at < seen.First ? at : seen.First,
                    Last = at > seen.Last ? at : seen.Last,
                };
                continue;
            }

            byText[text] = collapsed.Count;
            collapsed.Add(new CollapsedEntry(text, 1, at, at));
        }

        return collapsed;
    }
}
