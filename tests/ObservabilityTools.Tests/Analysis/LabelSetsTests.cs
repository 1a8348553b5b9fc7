using SreSuite.ObservabilityTools.Analysis;

namespace SreSuite.ObservabilityTools.Tests.Analysis;

public sealed class LabelSetsTests
{
    private static Dictionary<string, string> Labels(params (string Name, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Name, p => p.Value);

    [Fact]
    public void Common_labels_are_those_every_set_has_with_the_same_value()
    {
        var common = LabelSets.Common([
            Labels(("job", "api"), ("code", "200"), ("service", "a")),
            Labels(("job", "api"), ("code", "500"), ("service", "a")),
            Labels(("job", "api"), ("code", "500"), ("service", "a"), ("extra", "x")),
        ]);

        Assert.Equal(Labels(("job", "api"), ("service", "a")), common);
    }

    [Fact]
    public void Formats_as_a_selector_sorted_with_the_metric_name_first_and_common_labels_left_out()
    {
        var labels = Labels(("__name__", "http_requests_total"), ("service", "a"), ("code", "500"), ("job", "api"));

        Assert.Equal("http_requests_total{code=\"500\",job=\"api\",service=\"a\"}", LabelSets.Format(labels));
        Assert.Equal("{code=\"500\"}", LabelSets.Format(labels, Labels(("__name__", "x"), ("job", "api"), ("service", "a"))));
        Assert.Equal("{}", LabelSets.Format(Labels(("job", "api")), Labels(("job", "api"))));
    }

    [Fact]
    public void Values_are_escaped_and_stripped_of_invisible_characters()
    {
        var labels = Labels(("path", "/a\"b\\c\nd\u200be\u202e"));

        Assert.Equal("{path=\"/a\\\"b\\\\c\\nde\"}", LabelSets.Format(labels));
    }

    [Fact]
    public void The_breakdown_of_left_out_series_uses_the_label_that_splits_them_least()
    {
        var sets = new List<IReadOnlyDictionary<string, string>>();
        foreach (var service in new[] { "a", "b", "c" })
        {
            for (var i = 0; i < (service == "a" ? 4 : 2); i++)
                sets.Add(Labels(("job", "x"), ("service", service), ("instance", $"{service}-{i}")));
        }

        Assert.Equal("service: a 4, b 2, c 2", LabelSets.Breakdown(sets));
        Assert.Null(LabelSets.Breakdown([Labels(("job", "x"))]));
    }
}
