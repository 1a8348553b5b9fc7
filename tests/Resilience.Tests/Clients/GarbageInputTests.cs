using System.Text;
using System.Text.RegularExpressions;

namespace SreSuite.Resilience.Tests.Clients;

/// <summary>
/// Clients that send garbage — not HTTP at all, broken HTTP, HTTP that is not JSON-RPC, JSON-RPC with nonsense in
/// it: the server refuses each with a client error (or closes that connection) or answers it as well-formed
/// input, never with a server error or a stack trace, and stays up to serve everyone else.
/// </summary>
public sealed partial class GarbageInputTests(RunbookServer runbooks) : IClassFixture<RunbookServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Garbage => [.. Requests.Keys];

    private static readonly Dictionary<string, Func<Uri, byte[]>> Requests = new()
    {
        ["a TLS handshake on the plain-HTTP port"] = _ => [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03, .. RandomBytes(64), 0x0d, 0x0a, 0x0d, 0x0a],
        ["random bytes"] = _ => [.. RandomBytes(4096), 0x0d, 0x0a, 0x0d, 0x0a],
        ["a request line with no version"] = _ => Encoding.ASCII.GetBytes("POST /mcp\r\n\r\n"),
        ["a non-numeric Content-Length"] = url => Encoding.ASCII.GetBytes($"POST /mcp HTTP/1.1\r\nHost: {url.Authority}\r\nContent-Type: application/json\r\nContent-Length: lots\r\n\r\n{{}}"),
        ["both Content-Length and chunked"] = url => Encoding.ASCII.GetBytes($"POST /mcp HTTP/1.1\r\nHost: {url.Authority}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
        ["a 64 KB header"] = url => Encoding.ASCII.GetBytes($"POST /mcp HTTP/1.1\r\nHost: {url.Authority}\r\nX-Padding: {new string('x', 64 * 1024)}\r\nContent-Length: 2\r\n\r\n{{}}"),
        ["truncated JSON naming tools/call"] = url => RawConnection.Post(url, "/mcp", """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"runbook_search","argu"""),
        ["JSON that is not JSON-RPC"] = url => RawConnection.Post(url, "/mcp", "[1,\"two\",null,{\"three\":3}]"),
        ["a bare JSON string"] = url => RawConnection.Post(url, "/mcp", "\"tools/call\""),
        ["JSON-RPC with a number for a method and an object for an id"] = url => RawConnection.Post(url, "/mcp", """{"jsonrpc":"2.0","id":{"a":1},"method":42,"params":"x"}"""),
        ["JSON-RPC 1.0"] = url => RawConnection.Post(url, "/mcp", """{"jsonrpc":"1.0","id":1,"method":"tools/call","params":{"name":"runbook_search","arguments":{"query":"x"}}}"""),
        ["a batch of tools/call requests"] = url => RawConnection.Post(url, "/mcp", """[{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"runbook_search","arguments":{"query":"x"}}},{"jsonrpc":"2.0","id":2,"method":"tools/list"}]"""),
        ["JSON nested 100,000 deep"] = url => RawConnection.Post(url, "/mcp", new string('[', 100_000) + new string(']', 100_000)),
        ["invalid UTF-8 inside a tools/call"] = url => RawConnection.Post(url, "/mcp",
            [.. Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"runbook_search","arguments":{"query":" """), 0xff, 0xfe, 0xc3, 0x28, .. Encoding.UTF8.GetBytes("\"}}}")]),
        ["a tools/call sent as text/plain"] = url => RawConnection.Post(url, "/mcp", Encoding.UTF8.GetBytes(RawMcp.ToolCall("runbook_search", """{"query":"x"}""")), "text/plain"),
        ["a body shorter than its Content-Length, then the end of the stream"] = url => RawConnection.Post(url, "/mcp", Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"""), contentLength: 5000),
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task Garbage_never_gets_a_server_error_or_a_stack_trace_and_the_server_serves_others(string garbage)
    {
        var url = runbooks.Server.BaseUrl;
        string answer;
        using (var connection = await RawConnection.OpenAsync(url, Ct))
        {
            await connection.SendAsync(Requests[garbage](url), Ct);
            if (garbage.EndsWith("then the end of the stream", StringComparison.Ordinal))
                connection.ShutdownSend();
            (answer, _) = await connection.ReadAsync(TimeSpan.FromSeconds(5), Ct);
        }

        var status = StatusLine().Match(answer);
        if (status.Success)
        {
            var code = int.Parse(status.Groups["code"].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(code is >= 200 and < 500, $"{garbage}: HTTP {code}\n{answer}");
        }

        CleanErrors.AssertClean(answer.Length == 0 ? "(connection closed)" : answer);
        await runbooks.AssertServesOthersAsync(Ct);
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(count).NextBytes(bytes);
        return bytes;
    }

    [GeneratedRegex(@"^HTTP/1\.[01] (?<code>\d{3})")]
    private static partial Regex StatusLine();
}
