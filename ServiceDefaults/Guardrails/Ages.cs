using System.Globalization;
using System.Text;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// How every answer writes an age or a span of time: at most two units, largest first, no spaces — <c>45s</c>,
/// <c>14m</c>, <c>2h59m</c>, <c>3d4h</c>. Seconds are shown only under a minute; longer spans round to the minute.
/// A point in time is written <see cref="Timestamp(DateTimeOffset)"/>.
/// </summary>
public static class Ages
{
    private static readonly (string Unit, long Ticks)[] Units =
    [
        ("d", TimeSpan.TicksPerDay),
        ("h", TimeSpan.TicksPerHour),
        ("m", TimeSpan.TicksPerMinute),
        ("s", TimeSpan.TicksPerSecond),
    ];

    /// <summary>A span such as <c>2h59m</c>; zero or negative spans are <c>0s</c>.</summary>
    public static string Format(TimeSpan span)
    {
        if (span < TimeSpan.FromSeconds(0.5))
            return "0s";
        var ticks = span < TimeSpan.FromMinutes(1)
            ? (long)Math.Round(span.TotalSeconds) * TimeSpan.TicksPerSecond
            : (long)Math.Round(span.TotalMinutes) * TimeSpan.TicksPerMinute;
        var text = new StringBuilder();
        var units = 0;
        foreach (var (unit, length) in Units)
        {
            var count = ticks / length;
            if (count > 0)
            {
                text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
                ticks -= count * length;
            }

            // Two units at most, and they are adjacent: "3d4h", never "3d12m".
            if (text.Length > 0 && ++units == 2)
                break;
        }

        return text.ToString();
    }

    /// <summary>A point in time as answers print it: UTC, ISO 8601 to the second, <c>2026-01-31T14:00:00Z</c>.</summary>
    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The same, or <c>-</c> when unknown.</summary>
    public static string Timestamp(DateTimeOffset? time) => time is { } value ? Timestamp(value) : "-";

    /// <summary>The age of <paramref name="time"/> at <paramref name="now"/> as a span (<c>3h5m</c>), or <c>-</c> when unknown.</summary>
    public static string Since(DateTimeOffset? time, DateTimeOffset now) => time is { } t ? Format(now - t) : "-";

    /// <summary>The same for a client model time (UTC, or local when the client converted it).</summary>
    public static string Since(DateTime? time, DateTimeOffset now) => Since(Utc(time), now);

    /// <summary><c>3h5m ago</c>, or <c>in 10m</c> for a time after <paramref name="now"/>.</summary>
    public static string Ago(DateTimeOffset time, DateTimeOffset now) =>
        time > now + TimeSpan.FromSeconds(0.5) ? $"in {Format(time - now)}" : $"{Format(now - time)} ago";

    /// <summary>A client model time (UTC, or local when the client converted it) as an offset.</summary>
    public static DateTimeOffset? Utc(DateTime? time) => time switch
    {
        null => null,
        { Kind: DateTimeKind.Local } local => new DateTimeOffset(local.ToUniversalTime()),
        { } t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
    };
}
