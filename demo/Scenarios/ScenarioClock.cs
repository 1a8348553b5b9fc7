using System.Globalization;
using System.Text.RegularExpressions;

namespace SreSuite.Scenarios;

/// <summary>
/// Maps a scenario's times onto the run: offsets (<c>-3h</c>) hang off the run's now; absolute RFC 3339 times (as in a
/// captured snapshot) are shifted by the same amount the scenario's own <c>now</c> is, so the data always looks recent.
/// </summary>
public sealed partial class ScenarioClock(DateTimeOffset scenarioNow, DateTimeOffset runNow)
{
    public DateTimeOffset ScenarioNow { get; } = scenarioNow;

    public DateTimeOffset Now { get; } = runNow;

    public TimeSpan Shift => Now - ScenarioNow;

    public bool TryResolve(string text, out DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TryOffset(text, out var offset))
        {
            at = Now + offset;
            return true;
        }

        if (text.Length >= 20 && text[4] == '-' && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var absolute))
        {
            at = absolute + Shift;
            return true;
        }

        at = default;
        return false;
    }

    /// <summary><c>now</c>, <c>-3h</c>, <c>+1d2h</c>, <c>-90s</c>, <c>now-15m</c>: days, hours, minutes, seconds in that order.</summary>
    public static bool TryOffset(string text, out TimeSpan offset)
    {
        ArgumentNullException.ThrowIfNull(text);
        offset = TimeSpan.Zero;
        if (text is "now" or "0" or "0s")
            return true;
        var match = OffsetPattern().Match(text);
        if (!match.Success || match.Groups["d"].Length + match.Groups["h"].Length + match.Groups["m"].Length + match.Groups["s"].Length == 0)
            return false;
        offset = TimeSpan.FromDays(Part("d")) + TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("m")) + TimeSpan.FromSeconds(Part("s"));
        if (match.Groups["sign"].Value == "-")
            offset = -offset;
        return true;

        int Part(string name) => match.Groups[name].Success && match.Groups[name].Length > 0
            ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture)
            : 0;
    }

    [GeneratedRegex(@"^(?:now)?(?<sign>[+-])(?:(?<d>\d+)d)?(?:(?<h>\d+)h)?(?:(?<m>\d+)m)?(?:(?<s>\d+)s)?$")]
    private static partial Regex OffsetPattern();
}
