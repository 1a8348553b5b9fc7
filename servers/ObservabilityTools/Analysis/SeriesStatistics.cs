namespace SreSuite.ObservabilityTools.Analysis;

/// <summary>First, last, min, max and mean of a series' present values, with the index of the first and the last.</summary>
public sealed record SeriesStatistics(
    int Present, int Total, int FirstIndex, double First, int LastIndex, double Last, double Min, double Max, double Mean)
{
    public int Missing => Total - Present;

    /// <summary>Null when the series has no finite value at all.</summary>
    public static SeriesStatistics? Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int present = 0, first = -1, last = -1;
        double sum = 0.0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            if (!double.IsFinite(value))
                continue;
            present++;
            sum += value;
            if (first < 0)
                first = i;
            last = i;
            if (value < min)
                min = value;
            if (value > max)
                max = value;
        }

        return present == 0
            ? null
            : new SeriesStatistics(present, values.Count, first, values[first], last, values[last], min, max, sum / present);
    }
}
