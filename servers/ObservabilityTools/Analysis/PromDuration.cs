using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SreSuite.ObservabilityTools.Analysis;

/// <summary>Prometheus durations such as <c>15s</c>, <c>1h30m</c> or <c>2d</c> (units y, w, d, h, m, s, ms, largest first).</summary>
public static partial class PromDuration
{
    private static readonly (string Unit, TimeSpan Length)[] Units =
    [
        ("y", TimeSpan.FromDays(365)),
        ("w", TimeSpan.FromDays(7)),
        ("d", TimeSpan.FromDays(1)),
        ("h", TimeSpan.FromHours(1)),
        ("m", TimeSpan.FromMinutes(1)),
        ("s", TimeSpan.FromSeconds(1)),
        ("ms", TimeSpan.FromMilliseconds(1)),
    ];

    /// <summary>Parses a Prometheus duration; a bare number is not a duration here (it is a timestamp or seconds).</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var match = DurationPattern().Match(text.Trim());
        if (!match.Success || match.Length == 0)
            return false;
        try
        {
            for (var i = 0; i < Units.Length; i++)
            {
                var group = match.Groups[i + 1];
                if (group.Success)
                    duration += Units[i].Length * long.Parse(group.Value, CultureInfo.InvariantCulture);
            }
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
        {
            return false;
        }

        return duration > TimeSpan.Zero;
    }

    /// <summary>Parses a step: a Prometheus duration or a number of seconds, as Prometheus accepts both.</summary>
    public static bool TryParseStep(string? text, out TimeSpan step)
    {
        if (TryParse(text, out step))
            return true;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && double.IsFinite(seconds) && seconds > 0 && seconds < TimeSpan.MaxValue.TotalSeconds)
        {
            step = TimeSpan.FromSeconds(seconds);
            return step >= TimeSpan.FromMilliseconds(1);
        }

        step = TimeSpan.Zero;
        return false;
    }

    /// <summary>Formats the way Prometheus does: <c>1h30m</c>, <c>15s</c>, <c>2d</c>, <c>250ms</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
            return "0s";
        var text = new StringBuilder();
        var rest = duration;
        foreach (var (unit, length) in Units)
        {
            // Years and weeks read worse than days in an incident timeline.
            if (unit is "y" or "w")
                continue;
            var count = rest.Ticks / length.Ticks;
            if (count == 0)
                continue;
            text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
            rest -= TimeSpan.FromTicks(count * length.Ticks);
        }

        return text.Length == 0 ? "0s" : text.ToString();
    }

    [GeneratedRegex(@"^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

}
