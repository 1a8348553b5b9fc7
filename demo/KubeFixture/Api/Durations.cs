using System.Globalization;

namespace SreSuite.KubeFixture.Api;

/// <summary>Ages as the API server's table printers write them (apimachinery's HumanDuration).</summary>
public static class Durations
{
    public static string Human(TimeSpan age)
    {
        var seconds = (long)age.TotalSeconds;
        if (seconds < -1)
            return "<invalid>";
        if (seconds < 0)
            return "0s";
        if (seconds < 120)
            return Format("{0}s", seconds);
        var minutes = seconds / 60;
        if (minutes < 10)
            return seconds % 60 == 0 ? Format("{0}m", minutes) : Format("{0}m{1}s", minutes, seconds % 60);
        if (minutes < 180)
            return Format("{0}m", minutes);
        var hours = minutes / 60;
        if (hours < 8)
            return minutes % 60 == 0 ? Format("{0}h", hours) : Format("{0}h{1}m", hours, minutes % 60);
        if (hours < 48)
            return Format("{0}h", hours);
        if (hours < 24 * 8)
            return hours % 24 == 0 ? Format("{0}d", hours / 24) : Format("{0}d{1}h", hours / 24, hours % 24);
        if (hours < 24 * 365 * 2)
            return Format("{0}d", hours / 24);
        if (hours < 24 * 365 * 8)
            return Format("{0}y{1}d", hours / 24 / 365, hours / 24 % 365);
        return Format("{0}y", hours / 24 / 365);
    }

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
