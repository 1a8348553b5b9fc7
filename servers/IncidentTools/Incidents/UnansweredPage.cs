using System.Globalization;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.IncidentTools.Incidents;

/// <summary>
/// What a triggered incident's log already shows about nobody answering it: "not acknowledged after 3h1m;
/// escalated 39 times". A bare "status: triggered" reads the same for an incident paged a minute ago and for one that
/// has bounced between escalation levels for hours.
/// </summary>
public static class UnansweredPage
{
    /// <summary>
    /// The words to add after a triggered incident's status, or null when there is nothing true to add: the incident
    /// is not triggered, or it was never escalated and the whole log was not read (so an acknowledgement could be in
    /// the part not read).
    /// </summary>
    public static string? Describe(IncidentDetail detail, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(detail);
        if (detail.Summary.Status != "triggered")
            return null;
        var parts = new List<string>(2);
        // "Never acknowledged" holds only when every log entry was read: an acknowledgement that timed out back to
        // triggered is in the log, and might be in the part beyond what was read.
        var acknowledged = detail.Acknowledgers.Count > 0 || detail.Timeline.Any(e => e.Kind == "acknowledge");
        if (!acknowledged && !detail.TimelineMore)
            parts.Add($"not acknowledged after {Ages.Format(now - detail.Summary.CreatedAt)}");
        var escalations = detail.Timeline.Count(e => e.Kind == "escalate");
        if (escalations > 0)
        {
            var times = escalations == 1 ? "once" : string.Create(CultureInfo.InvariantCulture, $"{escalations} times");
            parts.Add(detail.TimelineMore ? $"escalated at least {times}" : $"escalated {times}");
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}
