namespace SreSuite.IncidentTools.Timeline;

/// <summary>One event of a merged timeline, tagged with the system it came from.</summary>
/// <param name="Text">What happened; may carry outside text (titles, log entries), so it is rendered fenced.</param>
public sealed record TimelineEntry(DateTimeOffset At, string Source, string Text, bool IsChange);

/// <summary>Merges incident events, deploys and releases into one list ordered by time.</summary>
public static class TimelineMerge
{
    public static IReadOnlyList<TimelineEntry> Merge(params IEnumerable<TimelineEntry>[] sources) =>
        [.. sources.SelectMany(source => source).OrderBy(entry => entry.At).ThenBy(entry => entry.Source, StringComparer.Ordinal)];

    /// <summary>"1 deployment, 3 deploy runs, 1 release in the 6h before": the changes that preceded <paramref name="before"/>.</summary>
    public static IReadOnlyList<TimelineEntry> ChangesBefore(IReadOnlyList<TimelineEntry> entries, DateTimeOffset before) =>
        [.. entries.Where(entry => entry.IsChange && entry.At <= before).OrderByDescending(entry => entry.At)];
}
