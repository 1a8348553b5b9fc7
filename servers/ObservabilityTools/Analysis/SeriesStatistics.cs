namespace SreSuite.ObservabilityTools.Analysis;

/// <summary>First, last, min, max and mean of a series' present values, with the index of each.</summary>
public sealed record SeriesStatistics(
    int Present, int Total, int FirstIndex, double First, int LastIndex, double Last,
    int MinIndex, double Min, int MaxIndex, double Max, double Mean)
{
    public int Missing => Total - Present;

    /// <summary>Null when the series has no finite value at all.</summary>
    public static SeriesStatistics? Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int present = 0, first = -1, last = -1, min = -1, max = -1;
        var sum = 0.0;
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
            if (min < 0 || value < values[min])
                min = i;
            if (max < 0 || value > values[max])
                max = i;
        }

        return present == 0
            ? null
            : new SeriesStatistics(present, values.Count, first, values[first], last, values[last], min, values[min], max, values[max], sum / present);
    }
}
