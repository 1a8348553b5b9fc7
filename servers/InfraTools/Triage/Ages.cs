using System.Globalization;

namespace SreSuite.InfraTools.Triage;

/// <summary>Short ages for compact rows: <c>45s</c>, <c>14m</c>, <c>3h</c>, <c>22d</c>, <c>2y</c>.</summary>
public static class Ages
{
    public static string Format(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
            age = TimeSpan.Zero;
        return age.TotalSeconds < 120 ? Of((int)age.TotalSeconds, "s")
            : age.TotalMinutes < 120 ? Of((int)age.TotalMinutes, "m")
            : age.TotalHours < 48 ? Of((int)age.TotalHours, "h")
            : age.TotalDays < 730 ? Of((int)age.TotalDays, "d")
            : Of((int)(age.TotalDays / 365), "y");
    }

    /// <summary>The age of <paramref name="time"/> relative to <paramref name="now"/>, or <c>-</c> when unknown.</summary>
    public static string Since(DateTimeOffset? time, DateTimeOffset now) => time is { } t ? Format(now - t) : "-";

    public static string Since(DateTime? time, DateTimeOffset now) => Since(Utc(time), now);

    /// <summary>A client model time (UTC, or local when the client converted it) as an offset.</summary>
    public static DateTimeOffset? Utc(DateTime? time) => time switch
    {
        null => null,
        { Kind: DateTimeKind.Local } local => new DateTimeOffset(local.ToUniversalTime()),
        { } t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
    };

    /// <summary>Parses a window such as <c>30s</c>, <c>15m</c>, <c>2h</c>, <c>1d</c>; null when malformed.</summary>
    public static TimeSpan? ParseWindow(string? text)
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

    private static string Of(int value, string unit) => value.ToString(CultureInfo.InvariantCulture) + unit;
}
