using System.Net;
using ModelContextProtocol;

namespace SreSuite.Tests;

/// <summary>
/// The guardrails every server passes every call through, checked over real HTTP and stdio against the real
/// server binary: validation, unknown tools, the audit trail, Host/Origin checks, size and rate limits, OAuth,
/// and start-up refusals.
/// </summary>
public abstract class GuardrailContract
{
    protected abstract string ServerName { get; }

    protected abstract string StatusTool { get; }

    /// <summary>The scope prefix of the server, e.g. <c>infra</c>.</summary>
    protected abstract string ScopePrefix { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Unknown_tool_is_a_json_rpc_invalid_params_error()
    {
        await using var server = await ServerProcess.StartAsync(ServerName, cancellationToken: Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("no_such_tool", cancellationToken: Ct).AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
    }

    [Fact]
    public async Task Unknown_argument_is_refused_naming_it()
    {
        await using var server = await ServerProcess.StartAsync(ServerName, cancellationToken: Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var result = await client.CallToolAsync(StatusTool, new Dictionary<string, object?> { ["verbose"] = true }, cancellationToken: Ct);

        Assert.True(result.IsError);
        Assert.Contains("verbose: unknown argument (this tool takes no arguments)", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Advertised_schemas_are_closed_to_unknown_arguments()
    {
        await using var server = await ServerProcess.StartAsync(ServerName, cancellationToken: Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        foreach (var tool in await client.ListToolsAsync(cancellationToken: Ct))
            Assert.False(tool.ProtocolTool.InputSchema.GetProperty("additionalProperties").GetBoolean(), tool.Name);
    }

    [Fact]
    public async Task Audit_holds_exactly_one_record_per_call_with_outcome_caller_and_duration()
    {
        using var audit = new AuditLog();
        await using var server = await ServerProcess.StartAsync(ServerName, audit.Settings, Ct);
        await using (var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct))
        {
            await client.CallToolAsync(StatusTool, cancellationToken: Ct);
            await client.CallToolAsync(StatusTool, new Dictionary<string, object?> { ["x"] = 1 }, cancellationToken: Ct);
            await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("no_such_tool", cancellationToken: Ct).AsTask());
            await client.ListToolsAsync(cancellationToken: Ct);
        }

        // Records are written when each call ends, so concurrent endings may land out of order.
        var records = (await audit.RecordsAsync(3, Ct)).OrderBy(record => long.Parse(record["request_id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(3, records.Count);
        Assert.Equal(["ok", "invalid", "invalid"], records.Select(r => r["outcome"]!.GetValue<string>()));
        Assert.Equal([StatusTool, StatusTool, "no_such_tool"], records.Select(r => r["tool"]!.GetValue<string>()));
        Assert.All(records, record =>
        {
            Assert.Equal(ServerName, record["server"]!.GetValue<string>());
            Assert.Equal("anonymous", record["caller"]!["subject"]!.GetValue<string>());
            Assert.Equal("sresuite-tests", record["caller"]!["client"]!.GetValue<string>());
            Assert.NotNull(record["request_id"]);
            Assert.NotNull(record["timestamp"]);
            Assert.True(record["duration_ms"]!.GetValue<double>() >= 0);
        });
        Assert.True(records[0]["answer_bytes"]!.GetValue<int>() > 100);
        Assert.Contains("x: unknown argument", records[1]["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_over_stdio_names_the_local_caller()
    {
        using var audit = new AuditLog();
        await using (var client = await McpClients.ConnectStdioAsync(ServerName, Ct, environment: audit.Settings.ToDictionary()))
            await client.CallToolAsync(StatusTool, cancellationToken: Ct);

        var record = Assert.Single(await audit.RecordsAsync(1, Ct));
        Assert.Equal("local", record["caller"]!["subject"]!.GetValue<string>());
        Assert.Equal("stdio", record["caller"]!["transport"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Host", "attacker.example:80")]
    public async Task Foreign_origin_or_host_gets_403_and_the_attempt_is_audited(string header, string value)
    {
        using var audit = new AuditLog();
        await using var server = await ServerProcess.StartAsync(ServerName, audit.Settings, Ct);

        var reply = await RawMcp.PostAsync(server.McpUrl, RawMcp.ToolCall(StatusTool), Ct, new Dictionary<string, string> { [header] = value });

        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
        Assert.Contains($"Mcp__Allowed{header}s", reply.Text, StringComparison.Ordinal);
        var record = Assert.Single(await audit.RecordsAsync(1, Ct));
        Assert.Equal("denied", record["outcome"]!.GetValue<string>());
        Assert.Equal(StatusTool, record["tool"]!.GetValue<string>());
    }

    [Fact]
    public async Task Localhost_origin_is_accepted()
    {
        await using var server = await ServerProcess.StartAsync(ServerName, cancellationToken: Ct);

        var reply = await RawMcp.PostAsync(server.McpUrl, RawMcp.ToolCall(StatusTool), Ct, new Dictionary<string, string> { ["Origin"] = "http://localhost:6274" });

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.False(reply.IsToolError);
    }

    [Fact]
    public async Task Oversized_body_gets_413_and_the_attempt_is_audited()
    {
        using var audit = new AuditLog();
        var settings = new Dictionary<string, string?>(audit.Settings) { ["Mcp__MaxRequestBytes"] = "10000" };
        await using var server = await ServerProcess.StartAsync(ServerName, settings, Ct);

        var reply = await RawMcp.PostAsync(server.McpUrl, RawMcp.ToolCall(StatusTool, $$"""{"padding":"{{new string('x', 20_000)}}"}"""), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, reply.Status);
        Assert.Contains("Mcp__MaxRequestBytes", reply.Text, StringComparison.Ordinal);
        var record = Assert.Single(await audit.RecordsAsync(1, Ct));
        Assert.Equal(StatusTool, record["tool"]!.GetValue<string>());
    }

    [Fact]
    public async Task Flooding_caller_gets_429_with_retry_after()
    {
        await using var server = await ServerProcess.StartAsync(ServerName, new Dictionary<string, string?> { ["Mcp__RateLimitPerMinute"] = "5" }, Ct);

        var replies = new List<RawMcp.Reply>();
        for (var i = 0; i < 12; i++)
            replies.Add(await RawMcp.PostAsync(server.McpUrl, RawMcp.ToolCall(StatusTool, id: i), Ct));

        Assert.Contains(replies, reply => reply.Status == HttpStatusCode.OK);
        var limited = Assert.IsType<RawMcp.Reply>(replies.FirstOrDefault(reply => reply.Status == HttpStatusCode.TooManyRequests), exactMatch: false);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Contains("Mcp__RateLimitPerMinute", limited.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binding_beyond_loopback_without_authentication_is_refused() =>
        await StartupAssertions.RefusesToStartNamingAsync(ServerName, "Auth__Authority", new Dictionary<string, string?>(), "--urls", "http://0.0.0.0:0");

    [Fact]
    public async Task Authority_without_audience_is_refused() =>
        await StartupAssertions.RefusesToStartNamingAsync(ServerName, "Auth__Audience", new Dictionary<string, string?> { ["Auth__Authority"] = "https://login.example.com" });

    [Fact]
    public async Task Oauth_protected_server_challenges_validates_and_scopes()
    {
        await using var issuer = await TestIssuer.StartAsync(Ct);
        const string audience = "https://sre.example.com/mcp";
        using var audit = new AuditLog();
        var settings = new Dictionary<string, string?>(audit.Settings)
        {
            ["Auth__Authority"] = issuer.Issuer,
            ["Auth__Audience"] = audience,
            ["Auth__RequireHttpsMetadata"] = "false",
        };
        await using var server = await ServerProcess.StartAsync(ServerName, settings, Ct);
        var call = RawMcp.ToolCall(StatusTool);

        var anonymous = await RawMcp.PostAsync(server.McpUrl, call, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        var challenge = Assert.Single(anonymous.Headers.WwwAuthenticate).ToString();
        Assert.Contains($"resource_metadata=\"{new Uri(server.BaseUrl, "/.well-known/oauth-protected-resource")}\"", challenge, StringComparison.Ordinal);
        Assert.Contains($"scope=\"{ScopePrefix}:read\"", challenge, StringComparison.Ordinal);

        using var http = new HttpClient();
        var metadata = await http.GetStringAsync(new Uri(server.BaseUrl, "/.well-known/oauth-protected-resource/mcp"), Ct);
        Assert.Contains($"\"resource\":\"{audience}\"", metadata, StringComparison.Ordinal);
        Assert.Contains($"\"authorization_servers\":[\"{issuer.Issuer}\"]", metadata, StringComparison.Ordinal);

        foreach (var (token, why) in new[]
        {
            (issuer.Token("alice", "https://other.example.com/mcp", $"{ScopePrefix}:read"), "wrong audience"),
            (issuer.Token("alice", audience, $"{ScopePrefix}:read", lifetime: TimeSpan.FromMinutes(-5)), "expired"),
            (issuer.ForgedToken("alice", audience, $"{ScopePrefix}:read"), "bad signature"),
            (issuer.Token("alice", audience, $"{ScopePrefix}:read", issuer: "https://evil.example"), "wrong issuer"),
            ("not.a.jwt", "garbage"),
        })
        {
            var refused = await RawMcp.PostAsync(server.McpUrl, call, Ct, Bearer(token));
            Assert.True(refused.Status == HttpStatusCode.Unauthorized, why);
            Assert.Contains("error=\"invalid_token\"", Assert.Single(refused.Headers.WwwAuthenticate).ToString(), StringComparison.Ordinal);
        }

        var otherServer = await RawMcp.PostAsync(server.McpUrl, call, Ct, Bearer(issuer.Token("alice", audience, "unrelated:read")));
        Assert.Equal(HttpStatusCode.Forbidden, otherServer.Status);
        Assert.Contains("error=\"insufficient_scope\"", Assert.Single(otherServer.Headers.WwwAuthenticate).ToString(), StringComparison.Ordinal);

        var reader = issuer.Token("alice", audience, $"{ScopePrefix}:read");
        await using (var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct, headers: Bearer(reader)))
        {
            var tools = await client.ListToolsAsync(cancellationToken: Ct);
            Assert.Contains(tools, tool => tool.Name == StatusTool);
            Assert.All(tools, tool => Assert.True(tool.ProtocolTool.Annotations?.ReadOnlyHint, tool.Name));
            var result = await client.CallToolAsync(StatusTool, cancellationToken: Ct);
            Assert.NotEqual(true, result.IsError);
        }

        var records = await audit.RecordsAsync(8, Ct);
        Assert.Equal(8, records.Count);
        var ok = Assert.Single(records, record => record["outcome"]!.GetValue<string>() == "ok");
        Assert.Equal("alice", ok["caller"]!["subject"]!.GetValue<string>());
        Assert.StartsWith("sre-copilot", ok["caller"]!["client"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(records.Where(record => record != ok), record => Assert.Equal("denied", record["outcome"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Planted_secrets_never_reach_answers_logs_or_the_audit()
    {
        using var audit = new AuditLog();
        var planted = new Dictionary<string, string?>(audit.Settings)
        {
            ["GITHUB_TOKEN"] = "ghp_PLANTEDgithubTOKEN0001",
            ["PAGERDUTY_TOKEN"] = "PLANTEDpagerdutyTOKEN0002",
            ["Prometheus__BearerToken"] = "PLANTEDbearerTOKEN0003",
            ["Logging__LogLevel__Default"] = "Debug",
        };
        var answers = new List<string>();
        await using (var server = await ServerProcess.StartAsync(ServerName, planted, Ct))
        {
            await using (var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct, headers: new Dictionary<string, string> { ["Authorization"] = "Bearer PLANTEDcallerTOKEN0004" }))
            {
                answers.Add((await client.CallToolAsync(StatusTool, cancellationToken: Ct)).Text());
                answers.Add((await client.CallToolAsync(StatusTool, new Dictionary<string, object?> { ["api_token"] = "PLANTEDargumentTOKEN0005", ["password"] = 12345 }, cancellationToken: Ct)).Text());
            }

            var reply = await RawMcp.PostAsync(server.McpUrl, RawMcp.ToolCall(StatusTool, """{"token":"PLANTEDargumentTOKEN0006"}"""), Ct, new Dictionary<string, string> { ["Origin"] = "https://evil.example" });
            answers.Add(reply.Body);
            await audit.RecordsAsync(3, Ct);
            answers.Add(string.Join('\n', server.Output));
        }

        answers.Add(string.Join('\n', audit.Records().Select(record => record.ToJsonString())));
        foreach (var text in answers)
            Assert.DoesNotContain("PLANTED", text, StringComparison.Ordinal);
        Assert.Contains("api_token: unknown argument", answers[1], StringComparison.Ordinal);
        Assert.Contains("[redacted]", answers[^1], StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Bearer(string token) => new() { ["Authorization"] = $"Bearer {token}" };
}
