using System.Net;
using System.Text.Json;

namespace SreSuite.Resilience.Tests.Backends;

/// <summary>
/// What every backend fault must look like to a client, through the real server binary: a clean <c>isError</c>
/// that says what happened, within the tool timeout plus a margin, an audit record with the right outcome,
/// <c>/health</c> naming the backend as unhealthy, and the same server process answering normally once the
/// backend is back. A client that hangs up mid-call gets its backend request cancelled.
/// </summary>
public abstract class BackendFaultContract<TBackend>(TBackend backend) : IClassFixture<TBackend>
    where TBackend : FaultyBackend
{
    /// <summary>Room for a loaded two-core machine to deliver an answer already decided.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(8);

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(FaultyBackend.ToolTimeoutSeconds) + Margin;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Backend_down_is_a_clean_error_saying_the_connection_was_refused_and_the_server_recovers() =>
        await FaultThenRecoverAsync(ProxyFault.Refuse, "refused", "error", reportedUnhealthy: true);

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task Failure_status_is_a_clean_error_naming_it_and_the_server_recovers(HttpStatusCode status)
    {
        var failure = backend.Failure(status);
        await FaultThenRecoverAsync(failure.Fault, failure.Says, "error", reportedUnhealthy: true);
    }

    [Fact]
    public async Task Slow_backend_is_cut_at_the_tool_timeout_its_request_abandoned_and_the_server_recovers()
    {
        var seen = backend.Proxy.Requests.Count;
        // /health bounds each backend's probe, so a hung backend is reported unhealthy within the deadline too.
        await FaultThenRecoverAsync(ProxyFault.Hold(TimeSpan.FromMinutes(2)), $"timed out after {FaultyBackend.ToolTimeoutSeconds} s", "timeout", reportedUnhealthy: true, async () =>
        {
            var held = backend.Proxy.Requests.Skip(seen).ToList();
            Assert.NotEmpty(held);
            await AssertAbandonedAsync(held, "the tool timed out");
        });
    }

    [Fact]
    public async Task Client_that_hangs_up_mid_call_has_its_backend_request_cancelled_and_others_are_served()
    {
        var audited = await backend.AuditedSoFarAsync(Ct);
        var seen = backend.Proxy.Requests.Count;
        await backend.Proxy.SetAsync(ProxyFault.Hold(TimeSpan.FromMinutes(2)), Ct);
        try
        {
            using (var caller = await RawConnection.OpenAsync(backend.Server.BaseUrl, Ct))
            {
                var arguments = JsonSerializer.Serialize(backend.LongCall.Arguments);
                backend.CountCall();
                await caller.SendAsync(RawConnection.Post(backend.Server.BaseUrl, "/mcp", RawMcp.ToolCall(backend.LongCall.Tool, arguments)), Ct);
                await backend.Proxy.NextRequestAsync(seen, Deadline, Ct);
            }

            // The call may go on for LongToolTimeoutSeconds and the proxy holds for minutes: only the hang-up ends it.
            await AssertAbandonedAsync(backend.Proxy.Requests.Skip(seen), "the client hung up");
            var record = Assert.Single((await backend.Audit.RecordsAsync(audited + 1, Ct)).Skip(audited));
            Assert.Equal(backend.LongCall.Tool, record["tool"]!.GetValue<string>());
            Assert.Equal("cancelled", record["outcome"]!.GetValue<string>());
        }
        finally
        {
            await backend.Proxy.SetAsync(ProxyFault.None, Ct);
        }

        var after = await backend.CallAsync(backend.LongCall, Ct);
        Assert.False(after.IsError, after.Text);
        Assert.Contains(backend.LongCall.NormalAnswer, after.Text, StringComparison.Ordinal);
    }

    private async Task FaultThenRecoverAsync(ProxyFault fault, string says, string outcome, bool reportedUnhealthy, Func<Task>? thenCheck = null)
    {
        var audited = await backend.AuditedSoFarAsync(Ct);
        await backend.Proxy.SetAsync(fault, Ct);
        try
        {
            var answer = await backend.CallAsync(backend.Probe, Ct);
            Assert.True(answer.IsError, $"{fault}: expected an error, got: {answer.Text}");
            CleanErrors.AssertClean(answer.Text);
            Assert.True(answer.Text.Contains(says, StringComparison.OrdinalIgnoreCase), $"{fault}: the error should say '{says}': {answer.Text}");
            Assert.True(answer.Took <= Deadline, $"{fault}: answered after {answer.Took.TotalSeconds:0.0} s, over {Deadline.TotalSeconds} s: {answer.Text}");
            var record = Assert.Single((await backend.Audit.RecordsAsync(audited + 1, Ct)).Skip(audited));
            Assert.Equal(outcome, record["outcome"]!.GetValue<string>());
            if (thenCheck is not null)
                await thenCheck();
            if (reportedUnhealthy)
                await AssertReportedUnhealthyAsync(fault);
        }
        finally
        {
            await backend.Proxy.SetAsync(ProxyFault.None, Ct);
        }

        var recovered = await backend.CallAsync(backend.Probe, Ct);
        Assert.False(recovered.IsError, $"after {fault} the same server should answer again: {recovered.Text}");
        Assert.Contains(backend.Probe.NormalAnswer, recovered.Text, StringComparison.Ordinal);
        var health = await HealthEndpoint.GetAsync(backend.Server, Ct);
        Assert.True(health.Code == HttpStatusCode.OK && health.Status == "Healthy", $"after {fault}, /health: {health.Body}");
    }

    /// <summary>Each request, held at the backend, is closed by the server within the margin.</summary>
    private static async Task AssertAbandonedAsync(IEnumerable<ProxiedRequest> requests, string after)
    {
        foreach (var request in requests.ToList())
        {
            var first = await Task.WhenAny(request.Ended, Task.Delay(Margin, Ct));
            Assert.True(first == request.Ended, $"{request} was still open at the backend {Margin.TotalSeconds} s after {after}");
            Assert.Equal(RequestEnd.AbortedByClient, await request.Ended);
        }
    }

    private async Task AssertReportedUnhealthyAsync(ProxyFault fault)
    {
        var health = await HealthEndpoint.GetAsync(backend.Server, Ct);
        Assert.True(health.Code == HttpStatusCode.ServiceUnavailable, $"{fault}: /health answered {(int)health.Code}: {health.Body}");
        Assert.True(health.Took <= Deadline, $"{fault}: /health answered after {health.Took.TotalSeconds:0.0} s, over {Deadline.TotalSeconds} s: {health.Body}");
        var check = health.Check(backend.HealthCheck);
        Assert.True(check.Status == "Unhealthy", $"{fault}: /health check {backend.HealthCheck}: {health.Body}");
        CleanErrors.AssertClean(check.Description ?? string.Empty);
        Assert.All(health.Checks.Where(other => other.Key != backend.HealthCheck), other => Assert.Equal("Healthy", other.Value.Status));
    }
}
