namespace SreSuite.ObservabilityTools.Analysis;

/// <summary>"Now" for one tool call, to the second, so every relative time in a call agrees.</summary>
internal static class ToolClock
{
    public static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
}
