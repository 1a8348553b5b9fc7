using SreSuite.ObservabilityTools.Analysis;
using SreSuite.ObservabilityTools.Prometheus;

namespace SreSuite.ObservabilityTools.Tests.Analysis;

public sealed class AlertFormattingTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 8, 15, 0, 0, TimeSpan.Zero);

    private static PrometheusAlert Alert(string name, TimeSpan ago) => new(
        new Dictionary<string, string> { ["alertname"] = "CertManagerCertNotReady", ["name"] = name, ["severity"] = "critical" },
        null, "firing", Now - ago, "1");

    [Fact]
    public void A_rules_alerts_come_newest_first_in_whatever_order_prometheus_lists_them()
    {
        // Prometheus returns a rule's alerts in Go map order, which differs from one evaluation to the next.
        var old = Alert("legacy-sftp-tls", TimeSpan.FromDays(2));
        var current = Alert("ledger-api-tls", TimeSpan.FromMinutes(42));
        var omit = new Dictionary<string, string> { ["alertname"] = "", ["severity"] = "" };

        Assert.Equal(["{name=\"ledger-api-tls\"}", "{name=\"legacy-sftp-tls\"}"], AlertFormatting.NewestFirst([old, current], omit));
        Assert.Equal(["{name=\"ledger-api-tls\"}", "{name=\"legacy-sftp-tls\"}"], AlertFormatting.NewestFirst([current, old], omit));
    }

    [Fact]
    public void Alerts_active_since_the_same_moment_are_ordered_by_their_labels()
    {
        var b = Alert("b-tls", TimeSpan.FromMinutes(28));
        var a = Alert("a-tls", TimeSpan.FromMinutes(28));
        var omit = new Dictionary<string, string> { ["alertname"] = "", ["severity"] = "" };

        Assert.Equal(AlertFormatting.NewestFirst([a, b], omit), AlertFormatting.NewestFirst([b, a], omit));
        Assert.Equal("{name=\"a-tls\"}", AlertFormatting.NewestFirst([b, a], omit)[0]);
    }
}
