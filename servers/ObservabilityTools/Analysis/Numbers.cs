using System.Globalization;

namespace SreSuite.ObservabilityTools.Analysis;

/// <summary>Numbers as a reader scans them: three significant digits and SI suffixes (k, M, G, T).</summary>
public static class Numbers
{
    private static readonly (double Scale, string Suffix)[] Suffixes = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")];

    public static string Compact(double value)
    {
        if (double.IsNaN(value))
            return "NaN";
        if (double.IsPositiveInfinity(value))
            return "+Inf";
        if (double.IsNegativeInfinity(value))
            return "-Inf";
        if (value == 0)
            return "0";

        var magnitude = Math.Abs(value);
        if (magnitude >= 1e15 || magnitude < 1e-3)
            return value.ToString("0.##e+0", CultureInfo.InvariantCulture);
        foreach (var (scale, suffix) in Suffixes)
        {
            // Rounding 999.6k to three digits gives 1000k; it belongs to the next suffix.
            if (magnitude >= scale * 0.9995)
                return Significant(value / scale) + suffix;
        }

        return Significant(value);
    }

    /// <summary>Full precision for raw points, still without the noise of binary floating point.</summary>
    public static string Exact(double value) =>
        double.IsFinite(value) ? value.ToString("G10", CultureInfo.InvariantCulture) : Compact(value);

    private static string Significant(double value)
    {
        var magnitude = Math.Abs(value);
        var format = magnitude >= 99.95 ? "0" : magnitude >= 9.995 ? "0.#" : magnitude >= 0.9995 ? "0.##"
            : magnitude >= 0.09995 ? "0.###" : magnitude >= 0.009995 ? "0.####" : "0.#####";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }
}
