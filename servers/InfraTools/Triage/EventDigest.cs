using System.Globalization;
using k8s.Models;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Triage;

/// <summary>Events of one (object, reason): how often, since when, and the latest message.</summary>
public sealed record EventGroup(
    string Namespace,
    string ObjectKind,
    string ObjectName,
    string Type,
    string Reason,
    int Count,
    DateTimeOffset? First,
    DateTimeOffset? Last,
    string Message,
    int Objects = 1)
{
    /// <summary><c>pod/x</c>, or <c>3 pods</c> for a group merged from several objects.</summary>
    public string Target => Objects > 1
        ? string.Create(CultureInfo.InvariantCulture, $"{Objects} {ObjectKind.ToLowerInvariant()}s")
        : $"{ObjectKind.ToLowerInvariant()}/{ObjectName}";
}

/// <summary>Groups core/v1 events, old-style (count, timestamps) and new-style (eventTime, series) alike.</summary>
public static class EventDigest
{
    public static DateTimeOffset? LastSeen(Corev1Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Ages.Utc(e.Series?.LastObservedTime ?? e.LastTimestamp ?? e.EventTime ?? e.Metadata?.CreationTimestamp);
    }

    public static int Occurrences(Corev1Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Math.Max(1, e.Series?.Count ?? e.Count ?? 1);
    }

    /// <summary>Groups by (object, reason), most recent group first.</summary>
    public static IReadOnlyList<EventGroup> ByObjectAndReason(IEnumerable<Corev1Event> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return [.. events
            .GroupBy(e => (e.InvolvedObject?.NamespaceProperty ?? "", e.InvolvedObject?.Kind ?? "?", e.InvolvedObject?.Name ?? "?", e.Reason ?? "?"))
            .Select(g =>
            {
                var latest = g.MaxBy(LastSeen)!;
                return new EventGroup(
                    g.Key.Item1, g.Key.Item2, g.Key.Item3, latest.Type ?? "?", g.Key.Item4,
                    g.Sum(Occurrences),
                    g.Min(e => Ages.Utc(e.FirstTimestamp ?? e.EventTime ?? e.Metadata?.CreationTimestamp)),
                    g.Max(LastSeen),
                    latest.Message ?? "");
            })
            .OrderByDescending(g => g.Last)];
    }

    /// <summary>
    /// Merges Normal groups that say the same thing (kind, reason, message) about different objects into one, with the
    /// total count and the first and last time seen, as kubectl folds repeats of one event: five pods each
    /// 'Started container app' is one line, not five. Warnings keep one line per object, so each failing pod shows.
    /// </summary>
    public static IReadOnlyList<EventGroup> MergeRepeatedNormal(IReadOnlyList<EventGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        return [.. groups
            .GroupBy(g => g.Type == "Normal" ? (g.Namespace, g.ObjectKind, g.Reason, g.Message) : (g.Namespace, g.ObjectKind + "/" + g.ObjectName, g.Reason, g.Message))
            .Select(same => same.Count() == 1 ? same.First() : same.First() with
            {
                Count = same.Sum(g => g.Count),
                First = same.Min(g => g.First),
                Last = same.Max(g => g.Last),
                Objects = same.Select(g => g.ObjectName).Distinct(StringComparer.Ordinal).Count(),
            })
            .OrderByDescending(g => g.Last)];
    }

    /// <summary>One line per group: <c>3m-ago Warning BackOff pod/x ×731 (since 3h): message</c>.</summary>
    public static string Format(EventGroup group, DateTimeOffset now, bool withNamespace, int maxMessage = 240)
    {
        ArgumentNullException.ThrowIfNull(group);
        var message = group.Message.ReplaceLineEndings(" ");
        if (message.Length > maxMessage)
            message = message[..maxMessage] + "…";
        var target = withNamespace && group.Namespace.Length > 0 ? $"{group.Namespace}/{group.Target}" : group.Target;
        var span = group.Count > 1 && group.First is { } first ? $" ×{group.Count.ToString(CultureInfo.InvariantCulture)} (since {Ages.Since(first, now)})" : "";
        return $"{Ages.Since(group.Last, now)}-ago {group.Type} {group.Reason} {target}{span}: {message}";
    }
}
