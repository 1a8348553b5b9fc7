using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SreSuite.Resilience.Tests.Clients;

/// <summary>
/// A caller that floods the MCP endpoint is slowed by the per-caller rate limit (<c>Mcp__RateLimitPerMinute</c>)
/// while a different caller is not. Authenticated callers are told apart by their token's subject (two people
/// calling from one address, through a real OIDC issuer), anonymous ones by their address.
/// </summary>
public sealed class RateLimitTests
{
    private const string Audience = "https://sre.example.com/incident/mcp";
    private const string ToolCall = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"runbook_search","arguments":{"query":"payments"}}}""";
    private const int Limit = 5;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Flooding_subject_gets_429_with_retry_after_while_another_subject_is_served()
    {
        await using var issuer = await TestIssuer.StartAsync(Ct);
        using var audit = new AuditLog();
        await using var server = await StartAsync(Limit, audit, issuer);
        var alice = Bearer(issuer.Token("alice", Audience, "incident:read"));
        var bob = Bearer(issuer.Token("bob", Audience, "incident:read"));

        var flood = await Task.WhenAll(Enumerable.Range(0, 4 * Limit).Select(_ => RawMcp.PostAsync(server.McpUrl, ToolCall, Ct, alice)));
        var others = new List<RawMcp.Reply>();
        for (var i = 0; i < Limit - 1; i++)
            others.Add(await RawMcp.PostAsync(server.McpUrl, ToolCall, Ct, bob));

        Assert.All(others, reply => Assert.True(reply.Status == HttpStatusCode.OK && !reply.IsToolError, $"bob: {(int)reply.Status} {reply.Text}"));
        var limited = flood.Where(reply => reply.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.Contains(flood, reply => reply.Status == HttpStatusCode.OK);
        Assert.All(flood, reply => Assert.True(reply.Status is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"alice: {(int)reply.Status} {reply.Text}"));
        Assert.All(limited, reply =>
        {
            Assert.True(reply.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without a Retry-After");
            Assert.Contains("retry after", reply.Text, StringComparison.Ordinal);
            CleanErrors.AssertClean(reply.Text);
        });

        // Each refused call is still one audit record, denied, under the flooding caller's name.
        var records = await audit.RecordsAsync(flood.Length + others.Count, Ct);
        Assert.Equal(flood.Length + others.Count, records.Count);
        var denied = records.Where(record => record["outcome"]!.GetValue<string>() == "denied").ToList();
        Assert.Equal(limited.Count, denied.Count);
        Assert.All(denied, record => Assert.Equal("alice", record["caller"]!["subject"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Flooding_address_gets_429_while_another_address_is_served()
    {
        using var audit = new AuditLog();
        await using var server = await StartAsync(Limit, audit);
        using var flooder = ClientFrom(IPAddress.Loopback);
        using var neighbour = ClientFrom(IPAddress.Parse("127.0.0.2"));

        var flood = await Task.WhenAll(Enumerable.Range(0, 4 * Limit).Select(_ => PostAsync(flooder, server.McpUrl)));
        var others = new List<HttpStatusCode>();
        for (var i = 0; i < Limit - 1; i++)
            others.Add(await PostAsync(neighbour, server.McpUrl));

        Assert.All(others, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Contains(HttpStatusCode.TooManyRequests, flood);
        var records = await audit.RecordsAsync(flood.Length + others.Count, Ct);
        var denied = records.Where(record => record["outcome"]!.GetValue<string>() == "denied").ToList();
        Assert.Equal(flood.Count(status => status == HttpStatusCode.TooManyRequests), denied.Count);
        Assert.All(denied, record => Assert.Equal("127.0.0.1", record["caller"]!["address"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Sustained_rate_stays_within_the_per_minute_limit()
    {
        const int limit = 4;
        await using var issuer = await TestIssuer.StartAsync(Ct);
        using var audit = new AuditLog();
        await using var server = await StartAsync(limit, audit, issuer);
        var alice = Bearer(issuer.Token("alice", Audience, "incident:read"));

        // One call every half second: far faster than 4 a minute, far slower than a burst.
        var accepted = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            var reply = await RawMcp.PostAsync(server.McpUrl, ToolCall, Ct, alice);
            if (reply.Status == HttpStatusCode.OK)
                accepted++;
            await Task.Delay(500, Ct);
        }

        clock.Stop();
        // Any limiter true to "per minute" allows at most one full allowance more than what the elapsed time earns.
        var allowed = 2 * limit + (int)Math.Ceiling(clock.Elapsed.TotalMinutes * limit);
        Assert.True(accepted <= allowed,
            $"Mcp__RateLimitPerMinute={limit}: {accepted} of 20 calls accepted in {clock.Elapsed.TotalSeconds:0} s; a per-minute limit allows at most {allowed}");
    }

    private static Task<ServerProcess> StartAsync(int perMinute, AuditLog audit, TestIssuer? issuer = null)
    {
        var settings = new Dictionary<string, string?>(audit.Settings)
        {
            ["Mcp__RateLimitPerMinute"] = perMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (issuer is not null)
        {
            settings["Auth__Authority"] = issuer.Issuer;
            settings["Auth__Audience"] = Audience;
            settings["Auth__RequireHttpsMetadata"] = "false";
        }

        return ServerProcess.StartAsync("IncidentTools", settings, Ct);
    }

    private static Dictionary<string, string> Bearer(string token) => new() { ["Authorization"] = $"Bearer {token}" };

    /// <summary>An HTTP client whose connections come from <paramref name="source"/> (any 127.x address is this host on Linux).</summary>
    private static HttpClient ClientFrom(IPAddress source) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, Uri mcpUrl)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, mcpUrl) { Content = new StringContent(ToolCall, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", "2025-11-25");
        using var response = await http.SendAsync(request, Ct);
        return response.StatusCode;
    }
}
