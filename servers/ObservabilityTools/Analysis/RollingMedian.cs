namespace SreSuite.ObservabilityTools.Analysis;

/// <summary>
/// The median of the last <c>capacity</c> values added, kept sorted as values come and go, so each update costs a
/// binary search and a move instead of a sort: a range answer may analyse a thousand series of 11,000 points.
/// </summary>
public sealed class RollingMedian(int capacity)
{
    private readonly Queue<double> _order = new(capacity);
    private readonly List<double> _sorted = new(capacity);

    public int Count => _order.Count;

    public double Median => _sorted.Count == 0
        ? double.NaN
        : _sorted.Count % 2 == 1 ? _sorted[_sorted.Count / 2] : (_sorted[(_sorted.Count / 2) - 1] + _sorted[_sorted.Count / 2]) / 2;

    public void Add(double value)
    {
        if (_order.Count == capacity)
        {
            var oldest = _order.Dequeue();
            _sorted.RemoveAt(IndexOf(oldest));
        }

        _order.Enqueue(value);
        var at = _sorted.BinarySearch(value);
        _sorted.Insert(at < 0 ? ~at : at, value);
    }

    private int IndexOf(double value)
    {
        var at = _sorted.BinarySearch(value);
        return at >= 0 ? at : throw new InvalidOperationException("a value left the window that was never in it");
    }
}
