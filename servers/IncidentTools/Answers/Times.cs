using System.Globalization;

namespace SreSuite.IncidentTools.Answers;

/// <summary>Reads time arguments; answers print times with <c>Ages.Timestamp</c>, as every server does.</summary>
public static class Times
{
    /// <summary>
    /// Reads a time argument: ISO-8601 (a missing offset means UTC) or a relative age such as <c>90m</c>,
    /// <c>6h</c>, <c>2d</c> before <paramref name="now"/>. Returns null when it is neither.
    /// </summary>
    public static DateTimeOffset? Parse(string? text, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        text = text.Trim();
        if (text.Length >= 2 && char.IsDigit(text[0]) && text[^1] is 'm' or 'h' or 'd' or 'w'
            && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return now - (text[^1] switch
            {
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => TimeSpan.FromDays(7 * amount),
            });
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
    }
}
