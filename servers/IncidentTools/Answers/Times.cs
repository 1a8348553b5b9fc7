using System.Globalization;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.IncidentTools.Answers;

/// <summary>Reads time arguments; answers print times with <c>Ages.Timestamp</c>, as every server does.</summary>
public static class Times
{
    /// <summary>
    /// Reads the time argument <paramref name="argument"/>: ISO-8601 (a missing offset means UTC) or a relative age such
    /// as <c>90m</c>, <c>6h</c>, <c>2d</c> before <paramref name="now"/>. Null when it is empty; refused, naming the
    /// argument, when it is neither.
    /// </summary>
    public static DateTimeOffset? Parse(string argument, string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var text = value.Trim();
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
            : throw new ToolInputException(argument, $"'{UntrustedText.Line(value)}' is not a time; use ISO-8601 UTC (2026-01-31T14:00:00Z) or an age such as 90m, 6h, 2d.");
    }
}
