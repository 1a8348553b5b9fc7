using System.Globalization;
using System.Text.RegularExpressions;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ObservabilityTools.Analysis;

/// <summary>
/// The times a caller may pass: RFC 3339, unix seconds, <c>now</c>, <c>now-6h</c>, or a bare duration meaning
/// that long ago (<c>30m</c>). Prometheus itself only takes the first two; the rest are resolved here.
/// </summary>
public static partial class PromTime
{
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Resolves <paramref name="text"/> against <paramref name="now"/>; refuses it naming <paramref name="argument"/>.</summary>
    public static DateTimeOffset Parse(string? text, DateTimeOffset now, string argument)
    {
        var value = text?.Trim() ?? string.Empty;
        if (value.Length == 0 || value.Equals("now", StringComparison.OrdinalIgnoreCase))
            return now;

        var relative = RelativePattern().Match(value);
        if (relative.Success)
        {
            if (!PromDuration.TryParse(relative.Groups["duration"].Value, out var offset))
                throw Refuse(argument, value);
            return relative.Groups["sign"].Value == "+" ? now + offset : now - offset;
        }

        if (PromDuration.TryParse(value, out var ago))
            return now - ago;

        if (UnixPattern().IsMatch(value))
        {
            var seconds = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
            var instant = seconds < (Latest - DateTimeOffset.UnixEpoch).TotalSeconds
                ? DateTimeOffset.UnixEpoch.AddSeconds(seconds)
                : Latest;
            if (instant < Earliest || instant >= Latest)
                throw new ToolInputException(argument,
                    $"'{value}' is read as unix seconds ({instant:yyyy-MM-dd}), which is out of range; for a time ago write a duration with a unit such as 30m or now-30m.");
            return instant;
        }

        if (Rfc3339Pattern().IsMatch(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            return parsed;

        throw Refuse(argument, value);
    }

    /// <summary>Unix seconds as Prometheus takes them, with millisecond precision.</summary>
    public static string ToUnixSeconds(DateTimeOffset time) =>
        (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    public static DateTimeOffset FromUnixSeconds(double seconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));

    private static ToolInputException Refuse(string argument, string value) =>
        new(argument, $"'{value}' is not a time; use RFC 3339 (2025-01-31T14:00:00Z), unix seconds, now, now-6h, or a duration ago such as 30m.");

    [GeneratedRegex(@"^now\s*(?<sign>[+-])\s*(?<duration>\S+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RelativePattern();

    [GeneratedRegex(@"^-?\d+(\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex UnixPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339Pattern();
}
