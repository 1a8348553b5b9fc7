using System.Net;
using System.Text;

namespace SreSuite.Tests;

/// <summary>
/// The red team's transport and audit attacks (issue 22, B1–B5), kept as regression tests against each server's real
/// binary over HTTP and stdio: each must be refused naming the problem, never run the tool, never answer HTTP 500,
/// and leave exactly one audit record per <c>tools/call</c> or <c>resources/read</c> attempted.
/// </summary>
public abstract class TransportAttackContract
{
    protected abstract string ServerName { get; }

    protected abstract string StatusTool { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A request body that must be refused with <paramref name="Code"/> and a message containing <paramref name="Names"/>.</summary>
    public sealed record Attack(string Name, byte[] Body, string IdJson, int Code, string Names);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Join(params object[] parts) =>
        [.. parts.SelectMany(part => part is string text ? Utf8(text) : (byte[])part)];

    protected IReadOnlyList<Attack> Attacks(int firstId)
    {
        var id = firstId;
        string Call(string paramsJson) => $$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"tools/call","params":{{{paramsJson}}}}""";
        Attack Make(string name, byte[] body, int code, string names) => new(name, body, (id++).ToString(System.Globalization.CultureInfo.InvariantCulture), code, names);
        var tool = StatusTool;
        return
        [
            Make("B1 duplicate argument key", Utf8(Call($$$"""{"name":"{{{tool}}}","arguments":{"replicas":4,"replicas":4}}""")), -32602, "duplicate key 'replicas' in params.arguments"),
            Make("B1 duplicate key deep in arguments", Utf8(Call($$$$"""{"name":"{{{{tool}}}}","arguments":{"a":{"b":[{"c":1,"c":2}]}}}""")), -32602, "duplicate key 'c'"),
            Make("B1 duplicate key spelled with an escape", Utf8(Call($$$"""{"name":"{{{tool}}}","arguments":{"namespace":"a","\u006eamespace":"b"}}""")), -32602, "duplicate key 'namespace'"),
            Make("B2 invalid UTF-8 in an argument value", Join(Call($$$"""{"name":"{{{tool}}}","arguments":{"namespace":"web""").TrimEnd('}'), new byte[] { 0xFF }, "\"}}}"), -32602, "invalid UTF-8"),
            Make("B4 duplicate name", Utf8(Call($$$"""{"name":"no_such_tool","name":"{{{tool}}}","arguments":{}}""")), -32602, "duplicate key 'name' in params"),
            Make("B4 duplicate arguments", Utf8(Call($$$"""{"name":"{{{tool}}}","arguments":{},"arguments":{"x":1}}""")), -32602, "duplicate key 'arguments' in params"),
            Make("B4 lone surrogate in the tool name", Utf8(Call("""{"name":"k8s\ud800","arguments":{}}""")), -32602, "lone surrogate"),
            Make("B4 lone surrogate in an argument", Utf8(Call($$$"""{"name":"{{{tool}}}","arguments":{"x":"\udfff"}}""")), -32602, "lone surrogate"),
            Make("B4 invalid UTF-8 in the tool name", Join(Call("""{"name":"k8s""").TrimEnd('}'), new byte[] { 0xC3, 0x28 }, "\",\"arguments\":{}}}"), -32602, "invalid UTF-8"),
            Make("B4 escaped method with a duplicate key", Utf8($$$$"""{"jsonrpc":"2.0","id":{{{{id}}}},"method":"tools\u002fcall","params":{"name":"{{{{tool}}}}","arguments":{"a":1,"a":2}}}"""), -32602, "duplicate key 'a'"),
            Make("B4 params an array", Utf8($$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"tools/call","params":["{{{tool}}}"]}"""), -32602, "params must be an object"),
            Make("duplicate method", Utf8($$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"tools/list","method":"tools/call","params":{"name":"{{{tool}}}"}}"""), -32600, "duplicate key 'method'"),
            Make("resources/read with a duplicate uri", Utf8($$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"resources/read","params":{"uri":"runbook://a","uri":"runbook://b"}}"""), -32602, "duplicate key 'uri'"),
        ];
    }

    [Fact]
    public async Task Http_attacks_are_refused_naming_the_problem_and_each_audited_once()
    {
        using var audit = new AuditLog();
        await using var server = await ServerProcess.StartAsync(ServerName, audit.Settings, Ct);
        var attacks = Attacks(100);

        var failures = new List<string>();
        foreach (var attack in attacks)
        {
            var reply = await RawMcp.PostAsync(server.McpUrl, attack.Body, Ct);
            if (reply.ErrorCode != attack.Code || !reply.Text.Contains(attack.Names, StringComparison.Ordinal) || reply.Status >= HttpStatusCode.InternalServerError)
                failures.Add($"{attack.Name}: {(int)reply.Status} {reply.Body}");
        }

        var records = await audit.RecordsAsync(attacks.Count, Ct);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(attacks.Count, records.Count);
        Assert.All(records, record => Assert.Equal("invalid", record["outcome"]!.GetValue<string>()));
        Assert.Contains(records, record => record["tool"]?.GetValue<string>() == StatusTool);
    }

    [Fact]
    public async Task Stdio_attacks_are_refused_naming_the_problem_and_each_audited_once()
    {
        using var audit = new AuditLog();
        await using var stdio = await RawStdio.StartAsync(ServerName, audit.Settings, Ct);
        var attacks = Attacks(200);

        var failures = new List<string>();
        foreach (var attack in attacks)
        {
            var reply = await stdio.SendAsync(attack.Body, attack.IdJson, Ct);
            var code = reply?["error"]?["code"]?.GetValue<int>();
            var message = reply?["error"]?["message"]?.GetValue<string>() ?? string.Empty;
            if (code != attack.Code || !message.Contains(attack.Names, StringComparison.Ordinal))
                failures.Add($"{attack.Name}: {reply?.ToJsonString() ?? "no answer"}");
        }

        var records = await audit.RecordsAsync(attacks.Count, Ct);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(attacks.Count, records.Count);
        Assert.All(records, record => Assert.Equal("stdio", record["caller"]!["transport"]!.GetValue<string>()));
    }

    [Fact]
    public async Task B3_refusals_before_mcp_are_audited_once_whatever_the_body()
    {
        using var audit = new AuditLog();
        var settings = new Dictionary<string, string?>(audit.Settings) { ["Mcp__RateLimitPerMinute"] = "3" };
        await using var server = await ServerProcess.StartAsync(ServerName, settings, Ct);
        var pad = new string('x', 70 * 1024);
        var bigPad = new string('x', 2 * 1024 * 1024);
        var foreign = new Dictionary<string, string> { ["Origin"] = "https://evil.example" };
        var expected = new List<(string Name, HttpStatusCode Status, string Tool)>();
        var failures = new List<string>();

        async Task SendAsync(string name, byte[] body, HttpStatusCode status, string tool, IDictionary<string, string>? headers = null, bool chunked = false)
        {
            var reply = await RawMcp.PostAsync(server.McpUrl, body, Ct, headers, chunked: chunked);
            if (reply.Status != status || reply.Message?["error"] is null)
                failures.Add($"{name}: {(int)reply.Status} {reply.Body[..Math.Min(300, reply.Body.Length)]}");
            expected.Add((name, status, tool));
        }

        // Size, before anything else reads the body: method after params, escaped method, chunked without a length.
        await SendAsync("2 MiB, method after params", Utf8($$$"""{"jsonrpc":"2.0","params":{"name":"{{{StatusTool}}}","arguments":{"pad":"{{{bigPad}}}"}},"id":1,"method":"tools/call"}"""), HttpStatusCode.RequestEntityTooLarge, StatusTool);
        await SendAsync("2 MiB, tools\\u002fcall", Utf8($$$$"""{"jsonrpc":"2.0","id":2,"method":"tools\u002fcall","params":{"name":"{{{{StatusTool}}}}","arguments":{"pad":"{{{{bigPad}}}}"}}}"""), HttpStatusCode.RequestEntityTooLarge, StatusTool);
        await SendAsync("2 MiB chunked", Utf8(RawMcp.ToolCall(StatusTool, $$$"""{"pad":"{{{bigPad}}}"}""", id: 3)), HttpStatusCode.RequestEntityTooLarge, StatusTool, chunked: true);
        // Origin, with a body past the old 64 KiB sniff and with a duplicate key (was HTTP 500).
        await SendAsync("70 KiB, foreign Origin, method after params", Utf8($$$"""{"jsonrpc":"2.0","params":{"name":"{{{StatusTool}}}","arguments":{"pad":"{{{pad}}}"}},"id":4,"method":"tools/call"}"""), HttpStatusCode.Forbidden, StatusTool, foreign);
        await SendAsync("foreign Origin, duplicate key", Utf8(RawMcp.ToolCall(StatusTool, """{"a":1,"a":2}""", id: 5)), HttpStatusCode.Forbidden, StatusTool, foreign);
        // Rate limit: three allowed a minute, the rest refused, with a big body and a duplicate key among them.
        for (var i = 0; i < 3; i++)
            await RawMcp.PostAsync(server.McpUrl, """{"jsonrpc":"2.0","id":9,"method":"tools/list"}""", Ct);
        await SendAsync("429, 70 KiB, method after params", Utf8($$$"""{"jsonrpc":"2.0","params":{"name":"{{{StatusTool}}}","arguments":{"pad":"{{{pad}}}"}},"id":6,"method":"tools/call"}"""), HttpStatusCode.TooManyRequests, StatusTool);
        await SendAsync("429, duplicate key", Utf8(RawMcp.ToolCall(StatusTool, """{"a":1,"a":2}""", id: 7)), HttpStatusCode.TooManyRequests, StatusTool);

        var records = await audit.RecordsAsync(expected.Count, Ct);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(expected.Count, records.Count);
        Assert.All(records, record => Assert.Equal(StatusTool, record["tool"]?.GetValue<string>()));
        Assert.DoesNotContain(server.Output, line => line.Contains("ArgumentException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Batches_and_unreadable_bodies_are_refused_and_audited()
    {
        using var audit = new AuditLog();
        await using var server = await ServerProcess.StartAsync(ServerName, audit.Settings, Ct);

        var batch = await RawMcp.PostAsync(server.McpUrl, $"[{RawMcp.ToolCall(StatusTool, id: 1)},{RawMcp.ToolCall(StatusTool, id: 2)},{{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}}]", Ct);
        var garbage = await RawMcp.PostAsync(server.McpUrl, "this is not json", Ct);

        Assert.Equal(-32600, batch.ErrorCode);
        Assert.Contains("batches are not supported", batch.Text, StringComparison.Ordinal);
        Assert.Equal(-32700, garbage.ErrorCode);
        var records = await audit.RecordsAsync(3, Ct);
        Assert.Equal(["tools/call", "tools/call", "unreadable"], records.Select(record => record["event"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task Resources_read_is_audited_over_http_and_stdio()
    {
        using var audit = new AuditLog();
        await using (var server = await ServerProcess.StartAsync(ServerName, audit.Settings, Ct))
        {
            var reply = await RawMcp.PostAsync(server.McpUrl, """{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":"runbook://no/such"}}""", Ct);
            Assert.NotNull(reply.Message);
        }

        await using (var stdio = await RawStdio.StartAsync(ServerName, audit.Settings, Ct))
            Assert.NotNull(await stdio.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"resources/read","params":{"uri":"runbook://no/such"}}""", "2", Ct));

        var records = await audit.RecordsAsync(2, Ct);
        Assert.Equal(2, records.Count);
        Assert.All(records, record =>
        {
            Assert.Equal("resources/read", record["event"]!.GetValue<string>());
            Assert.Equal("runbook://no/such", record["resource"]!.GetValue<string>());
        });
    }

    public static TheoryData<string, string> BeyondLoopback => new()
    {
        { "Kestrel__Endpoints__Web__Url", "http://0.0.0.0:0" },
        { "Kestrel__Endpoints__Web__Url", "http://[::]:0" },
        { "Kestrel__Endpoints__Web__Url", "http://*:0" },
        { "ASPNETCORE_URLS", "http://+:0" },
        { "urls", "http://sre-tools.example:0" },
    };

    [Theory]
    [MemberData(nameof(BeyondLoopback))]
    public async Task B5_binding_beyond_loopback_from_any_endpoint_source_without_oauth_is_refused(string setting, string url)
    {
        var (exitCode, output) = await ServerProcess.RunToExitAsync(ServerName, new Dictionary<string, string?> { [setting] = url }, Ct);

        Assert.Equal(2, exitCode);
        // One line says why (a server may have logged its own start-up before Kestrel bound), and no stack trace.
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), text => text.Contains("error", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(" at ", output, StringComparison.Ordinal);
        Assert.StartsWith($"{ServerName}: configuration error: Auth__Authority: the server listens on http://", line, StringComparison.Ordinal);
        Assert.Contains("beyond loopback without authentication", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_loopback_kestrel_endpoint_starts()
    {
        await using var server = await ServerProcess.StartAsync(ServerName, new Dictionary<string, string?> { ["Kestrel__Endpoints__Web__Url"] = "http://127.0.0.1:0" }, Ct);

        var reply = await RawMcp.PostAsync(server.McpUrl, RawMcp.ToolCall(StatusTool), Ct);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
    }

    [Theory]
    [InlineData("--READ-ONLY")]
    [InlineData("--readonly")]
    [InlineData("-v")]
    [InlineData("stdio")]
    public async Task Unknown_command_line_flags_stop_start_up_naming_the_flag(string flag) =>
        await StartupAssertions.RefusesToStartNamingAsync(ServerName, flag, new Dictionary<string, string?>(), flag);

    [Theory]
    [InlineData("--help")]
    [InlineData("--version")]
    public async Task Help_and_version_print_and_exit_zero(string flag)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        wait.CancelAfter(TimeSpan.FromSeconds(30));
        var (exitCode, output) = await ServerProcess.RunToExitAsync(ServerName, new Dictionary<string, string?>(), wait.Token, flag);

        Assert.Equal(0, exitCode);
        Assert.Contains(ServerName, output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
        if (flag == "--help")
            Assert.Contains("--read-only", output, StringComparison.Ordinal);
    }
}
