namespace SreSuite.ObservabilityTools.Tests.Analysis;

/// <summary>Synthetic series with known shapes and deterministic noise, for the analysis tests.</summary>
internal static class SeriesShapes
{
    /// <summary>Noise in [-1, 1], the same for the same index every run.</summary>
    public static double Noise(int index)
    {
        unchecked
        {
            var z = (ulong)index * 0x9E3779B97F4A7C15UL + 0x1234567UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) / (double)(1UL << 53) * 2 - 1;
        }
    }

    public static double[] Generate(int count, Func<int, double> shape, double relativeNoise = 0.05) =>
        [.. Enumerable.Range(0, count).Select(i => shape(i) * (1 + relativeNoise * Noise(i)))];

    /// <summary>A daily cycle of ±<paramref name="amplitude"/> around 1, <paramref name="pointsPerDay"/> points a day.</summary>
    public static double Daily(int index, int pointsPerDay, double amplitude = 0.12, double phase = 0) =>
        1 + amplitude * Math.Sin(2 * Math.PI * ((double)index / pointsPerDay + phase));
}
