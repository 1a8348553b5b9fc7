using System.Globalization;

namespace SreSuite.InfraTools.Triage;

/// <summary>The look-back windows of log and event tools: <c>30s</c>, <c>15m</c>, <c>2h</c>, <c>1d</c>.</summary>
public static class Lookback
{
    /// <summary>Parses a window; null when malformed.</summary>
    public static TimeSpan? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length < 2)
            return null;
        if (!int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            return null;
        return text[^1] switch
        {
            's' => TimeSpan.FromSeconds(value),
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            'd' => TimeSpan.FromDays(value),
            _ => null,
        };
    }
}
