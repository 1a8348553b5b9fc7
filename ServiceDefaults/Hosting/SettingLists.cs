namespace SreSuite.ServiceDefaults.Hosting;

/// <summary>How every setting lists names: comma-separated, e.g. <c>staging, production</c>.</summary>
public static class SettingLists
{
    /// <summary>The names of a list setting, trimmed, without empties or repeats, in the order written.</summary>
    public static IReadOnlyList<string> Names(string? setting) =>
        [.. (setting ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];
}
