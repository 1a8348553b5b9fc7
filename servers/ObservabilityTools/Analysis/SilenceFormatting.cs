using SreSuite.ObservabilityTools.Alertmanager;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ObservabilityTools.Analysis;

internal static class SilenceFormatting
{
    public static IEnumerable<AlertMatcher> Matchers(GettableSilence silence) =>
        (silence.Matchers ?? []).Select(m => new AlertMatcher(m.Name, m.Value, m.IsRegex, m.IsEqual ?? true));

    /// <summary>The id, state, window and matchers, then the creator and comment (typed by people) in a fence.</summary>
    public static string Block(UntrustedFence fence, GettableSilence silence, DateTimeOffset now)
    {
        var state = silence.Status?.State ?? "unknown";
        var window = state switch
        {
            "pending" => $"starts {AlertFormatting.Relative(silence.StartsAt, now)}, ends {AlertFormatting.Relative(silence.EndsAt, now)}",
            "expired" => $"at {AlertFormatting.Relative(silence.EndsAt, now)}",
            _ => $"until {AlertFormatting.Relative(silence.EndsAt, now)}",
        };
        // Alertmanager keeps no separate creation time: updatedAt is when the silence was created or last changed
        // (an edit makes a new silence unless only its end moves).
        var created = silence.UpdatedAt is { } at ? $" created {AlertFormatting.Relative(at, now)}" : string.Empty;
        return $"{UntrustedText.Line(silence.Id)} {UntrustedText.Line(state)} {window}{created} {UntrustedText.Line(AlertMatchers.Format(Matchers(silence)))}\n"
            + fence.Wrap($"silence {silence.Id}", $"createdBy: {silence.CreatedBy}\ncomment: {silence.Comment}");
    }
}
