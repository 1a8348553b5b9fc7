using System.Globalization;

namespace SreSuite.InfraTools.Triage;

/// <summary>Kubernetes resource quantities (<c>250m</c>, <c>1534789n</c>, <c>512Mi</c>, <c>1.5G</c>) as numbers.</summary>
public static class Quantities
{
    private static readonly (string Suffix, double Factor)[] Suffixes =
    [
        ("Ki", 1024d), ("Mi", 1024d * 1024), ("Gi", 1024d * 1024 * 1024), ("Ti", 1024d * 1024 * 1024 * 1024), ("Pi", 1024d * 1024 * 1024 * 1024 * 1024),
        ("n", 1e-9), ("u", 1e-6), ("m", 1e-3), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("P", 1e15),
    ];

    /// <summary>The value in base units (cores, bytes); null when malformed.</summary>
    public static double? Parse(string? quantity)
    {
        if (string.IsNullOrWhiteSpace(quantity))
            return null;
        quantity = quantity.Trim();
        foreach (var (suffix, factor) in Suffixes)
        {
            if (quantity.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(quantity.AsSpan(0, quantity.Length - suffix.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var scaled))
                return scaled * factor;
        }

        return double.TryParse(quantity, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) ? plain : null;
    }

    public static string Millicores(double cores) => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(cores * 1000):0}m");

    public static string Mebibytes(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(bytes / (1024 * 1024)):0}Mi");

    public static string Percent(double part, double? whole) =>
        whole is > 0 ? string.Create(CultureInfo.InvariantCulture, $"{Math.Round(100 * part / whole.Value):0}%") : "-";
}
