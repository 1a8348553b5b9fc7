using System.Globalization;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>How every answer counts things: <c>1 pod</c>, <c>3 pods</c>.</summary>
public static class Counts
{
    /// <summary><paramref name="count"/> and <paramref name="noun"/>, with an <c>s</c> unless the count is one.</summary>
    public static string Of(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");
}
