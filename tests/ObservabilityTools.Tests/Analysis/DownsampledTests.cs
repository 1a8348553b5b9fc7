using SreSuite.ObservabilityTools.Analysis;

namespace SreSuite.ObservabilityTools.Tests.Analysis;

public sealed class DownsampledTests
{
    [Theory]
    [InlineData(5761, 30, 193, 30)]
    [InlineData(1441, 30, 49, 30)]
    [InlineData(25, 30, 1, 25)]
    [InlineData(100, 7, 15, 7)]
    public void Never_more_points_than_asked(int points, int maxPoints, int bucket, int expected)
    {
        var result = Downsampled.Of(new double[points], maxPoints);

        Assert.Equal(bucket, result.BucketSize);
        Assert.Equal(expected, result.Values.Count);
        Assert.True(result.Values.Count <= maxPoints);
    }

    [Fact]
    public void Buckets_are_means_of_their_present_points()
    {
        var result = Downsampled.Of([1, 3, double.NaN, 5, double.NaN, double.NaN, 7], 3);

        Assert.Equal(3, result.BucketSize);
        Assert.Equal(2, result.Values[0]);
        Assert.Equal(5, result.Values[1]);
        Assert.Equal(7, result.Values[2]);
    }

    [Fact]
    public void A_bucket_without_values_stays_empty()
    {
        Assert.True(double.IsNaN(Downsampled.Of([1, 1, double.NaN, double.NaN, 3, 3], 3).Values[1]));
    }
}

public sealed class NumbersTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(0.1234, "0.123")]
    [InlineData(0.01234, "0.0123")]
    [InlineData(6.514, "6.51")]
    [InlineData(49.46, "49.5")]
    [InlineData(123.4, "123")]
    [InlineData(999.96, "1k")]
    [InlineData(12345, "12.3k")]
    [InlineData(878_123_456, "878M")]
    [InlineData(1_500_000_000, "1.5G")]
    [InlineData(-2.5e6, "-2.5M")]
    [InlineData(0.00025, "2.5e-4")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    public void Compact_numbers_have_three_significant_digits(double value, string expected)
    {
        Assert.Equal(expected, Numbers.Compact(value));
    }

    [Fact]
    public void Exact_numbers_keep_ten_digits()
    {
        Assert.Equal("0.1433333333", Numbers.Exact(0.14333333333333334));
        Assert.Equal("1795629011", Numbers.Exact(1795629011));
    }
}

public sealed class RollingMedianTests
{
    [Fact]
    public void Keeps_the_median_of_the_last_values_as_they_come_and_go()
    {
        var median = new RollingMedian(3);
        var seen = new List<double>();
        foreach (var value in new[] { 5.0, 1, 9, 9, 2, 7, 7, 7, 0, 3 })
        {
            median.Add(value);
            seen.Add(value);
            Assert.Equal(Robust.Median(seen.TakeLast(3).ToArray()), median.Median);
        }

        Assert.Equal(3, median.Count);
    }

    [Fact]
    public void Empty_has_no_median()
    {
        Assert.True(double.IsNaN(new RollingMedian(5).Median));
    }
}
