namespace SreSuite.ObservabilityTools.Analysis;

/// <summary>
/// A series reduced to at most a given number of points: consecutive points are grouped in equal buckets and
/// each bucket is replaced by its mean. Every series of a query uses the same buckets, so one header line
/// gives the times of all of them.
/// </summary>
public sealed record Downsampled(int BucketSize, IReadOnlyList<double> Values)
{
    /// <summary>How many original points each bucket covers when <paramref name="points"/> must fit in <paramref name="maxPoints"/>.</summary>
    public static int BucketSizeFor(int points, int maxPoints) =>
        points <= maxPoints ? 1 : (points + maxPoints - 1) / Math.Max(1, maxPoints);

    public static Downsampled Of(IReadOnlyList<double> values, int maxPoints)
    {
        ArgumentNullException.ThrowIfNull(values);
        var size = BucketSizeFor(values.Count, maxPoints);
        if (size == 1)
            return new Downsampled(1, values);

        var buckets = new double[(values.Count + size - 1) / size];
        for (var b = 0; b < buckets.Length; b++)
        {
            double sum = 0;
            var count = 0;
            for (var i = b * size; i < Math.Min(values.Count, (b + 1) * size); i++)
            {
                if (!double.IsFinite(values[i]))
                    continue;
                sum += values[i];
                count++;
            }

            buckets[b] = count == 0 ? double.NaN : sum / count;
        }

        return new Downsampled(size, buckets);
    }
}
