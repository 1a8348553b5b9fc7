using SreSuite.ServiceDefaults.Logs;

namespace SreSuite.ServiceDefaults.Tests;

public sealed class RepeatedEntriesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 31, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Repeats_anywhere_in_the_list_become_one_entry_with_count_and_first_and_last_time()
    {
        var entries = new List<(DateTimeOffset, string)> { (T0, "trigger") };
        for (var cycle = 0; cycle < 10; cycle++)
        {
            entries.Add((T0.AddMinutes(4 * cycle + 1), $"escalate to level {1 + (cycle % 2)}"));
            entries.Add((T0.AddMinutes(4 * cycle + 1), "notify by SMS"));
        }

        entries.Add((T0.AddMinutes(50), "resolve"));

        var collapsed = RepeatedEntries.Collapse(entries);

        Assert.Equal(["trigger", "escalate to level 1", "notify by SMS", "escalate to level 2", "resolve"], collapsed.Select(c => c.Text));
        var sms = collapsed[2];
        Assert.Equal((10, T0.AddMinutes(1), T0.AddMinutes(37)), (sms.Count, sms.First, sms.Last));
        Assert.Equal("14:01 notify by SMS (×10, last 14:37)", sms.Format(t => t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("14:00 trigger", collapsed[0].Format(t => t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Distinct_entries_are_all_kept_in_input_order()
    {
        var entries = Enumerable.Range(0, 5).Select(i => (T0.AddMinutes(-i), $"entry {i}")).ToList();

        var collapsed = RepeatedEntries.Collapse(entries);

        Assert.Equal(entries.Select(e => e.Item2), collapsed.Select(c => c.Text));
        Assert.All(collapsed, c => Assert.Equal(1, c.Count));
    }
}
