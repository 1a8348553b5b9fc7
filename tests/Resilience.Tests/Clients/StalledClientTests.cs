using System.Text;

namespace SreSuite.Resilience.Tests.Clients;

/// <summary>
/// Slowloris: clients that open connections and stall half-way through a request, in the headers or in the body.
/// Everyone else is served while they hang, and the server closes them itself with 408 (Kestrel's request-header
/// timeout and minimum request-body data rate).
/// </summary>
public sealed class StalledClientTests(RunbookServer runbooks) : IClassFixture<RunbookServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stalled_requests_do_not_hold_up_others_and_are_closed_by_the_server()
    {
        var url = runbooks.Server.BaseUrl;
        var stalled = new List<RawConnection>();
        try
        {
            for (var i = 0; i < 20; i++)
            {
                var connection = await RawConnection.OpenAsync(url, Ct);
                stalled.Add(connection);
                // Slowloris both ways: headers never finished, or a body that stops after its first bytes.
                var bytes = i % 2 == 0
                    ? Encoding.ASCII.GetBytes($"POST /mcp HTTP/1.1\r\nHost: {url.Authority}\r\nContent-Type: application/json\r\n")
                    : RawConnection.Post(url, "/mcp", Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"""), contentLength: 5000);
                await connection.SendAsync(bytes, Ct);
            }

            await runbooks.AssertServesOthersAsync(Ct);

            var ends = await Task.WhenAll(stalled.Select(connection => connection.ReadAsync(TimeSpan.FromSeconds(60), Ct)));
            Assert.All(ends, end =>
            {
                Assert.True(end.Closed, $"a stalled connection was still open after 60 s: {end.Text}");
                Assert.StartsWith("HTTP/1.1 408 Request Timeout", end.Text, StringComparison.Ordinal);
                CleanErrors.AssertClean(end.Text);
            });
        }
        finally
        {
            foreach (var connection in stalled)
                connection.Dispose();
        }

        await runbooks.AssertServesOthersAsync(Ct);
    }
}
