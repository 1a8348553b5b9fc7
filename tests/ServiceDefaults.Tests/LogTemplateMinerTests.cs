using SreSuite.ServiceDefaults.Logs;

namespace SreSuite.ServiceDefaults.Tests;

public sealed class LogTemplateMinerTests
{
    [Theory]
    [InlineData("GET /v1/orders/8a3f9c21 took 12.5ms", "GET /v1/orders/<hex> took <num>ms")]
    [InlineData("request 550e8400-e29b-41d4-a716-446655440000 done", "request <uuid> done")]
    [InlineData("connect to 10.244.3.17:8080 refused", "connect to <ip> refused")]
    [InlineData("at 2026-12-06T19:00:01.123Z started", "at <ts> started")]
    [InlineData("retry 3/5 in 0x1f ms", "retry <num>/<num> in <hex> ms")]
    public void Masks_numbers_hex_ids_uuids_ips_and_timestamps(string line, string masked) =>
        Assert.Equal(masked, LogTemplateMiner.Mask(line));

    [Fact]
    public void Two_hundred_request_lines_with_their_own_ids_become_one_template()
    {
        var miner = new LogTemplateMiner();
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
            miner.Add($"info: Request finished GET /api/items request_id={random.Next():x8}{random.Next():x8} status=200 in {random.Next(1, 90)}ms", DateTimeOffset.UnixEpoch.AddSeconds(i));

        var template = Assert.Single(miner.Templates);
        Assert.Equal(200, template.Count);
        Assert.Equal(LogSeverity.Other, template.Severity);
        Assert.Equal(DateTimeOffset.UnixEpoch, template.First);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(199), template.Last);
        Assert.Equal(0, template.FirstLine);
        Assert.Equal(199, template.LastLine);
    }

    [Fact]
    public void Distinct_errors_stay_distinct_with_one_verbatim_example_each()
    {
        var miner = new LogTemplateMiner();
        miner.Add("info: starting worker 1");
        miner.Add("fail: connection refused to ledger-service 10.0.0.7:8080");
        miner.Add("info: starting worker 2");
        miner.Add("fail: missing required setting PAYMENTS_PROCESSOR_URL");
        miner.Add("fail: connection refused to ledger-service 10.0.0.8:8080");
        miner.Add("warn: retrying configuration provider in 1s (attempt 2/5)");

        var errors = miner.Templates.Where(t => t.Severity == LogSeverity.Error).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal("fail: connection refused to ledger-service 10.0.0.7:8080", errors[0].Example);
        Assert.Equal(2, errors[0].Count);
        Assert.Equal("fail: missing required setting PAYMENTS_PROCESSOR_URL", errors[1].Example);
        Assert.Single(miner.Templates, t => t.Severity == LogSeverity.Warning);
        Assert.Equal(2, Assert.Single(miner.Templates, t => t.Text == "info: starting worker <num>").Count);
    }

    [Fact]
    public void Lines_that_differ_in_words_become_separate_templates()
    {
        var miner = new LogTemplateMiner();
        miner.Add("user alice logged in from web");
        miner.Add("user bob logged in from web");
        miner.Add("disk almost full on volume data");

        Assert.Equal(2, miner.Templates.Count);
        Assert.Equal("user <*> logged in from web", miner.Templates[0].Text);
    }
}
