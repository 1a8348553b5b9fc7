using System.Net;
using System.Text.Json.Nodes;

namespace SreSuite.Tests;

/// <summary>
/// At least fifty malformed inputs per server, derived from the server's own advertised schemas plus hand-made
/// protocol abuse: wrong types, missing and extra arguments, out-of-range and huge values, invalid JSON-RPC,
/// oversized bodies, foreign origins. Every one must get a clean refusal — never a crash, never the SDK's generic
/// "An error occurred" — and the audit must hold exactly one record per tools/call sent.
/// </summary>
public abstract class MalformedInputBattery
{
    private const int MinimumCases = 50;

    protected abstract string ServerName { get; }

    protected abstract string StatusTool { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <param name="Body">The request body sent to /mcp.</param>
    /// <param name="IsToolCall">
    /// True when the audit must record the body: a tools/call, or a refused body whose method cannot be read
    /// (recorded as <c>unreadable</c>, since it cannot be told apart from a tool call).
    /// </param>
    /// <param name="Headers">Extra headers, e.g. a foreign Origin.</param>
    private sealed record Case(string Name, string Body, bool IsToolCall, Dictionary<string, string>? Headers = null);

    [Fact]
    public async Task Malformed_inputs_get_clean_refusals_and_exactly_one_audit_record_per_call()
    {
        using var audit = new AuditLog();
        var settings = new Dictionary<string, string?>(audit.Settings) { ["Mcp__MaxRequestBytes"] = "65536", ["Mcp__RateLimitPerMinute"] = "100000" };
        await using var server = await ServerProcess.StartAsync(ServerName, settings, Ct);
        var tools = await ListToolsAsync(server.McpUrl);
        var cases = SchemaCases(tools).Concat(ProtocolCases()).ToList();
        Assert.True(cases.Count >= MinimumCases, $"only {cases.Count} cases");

        var failures = new List<string>();
        var id = 100;
        foreach (var @case in cases)
        {
            var body = @case.Body.Replace("\"id\":0", $"\"id\":{id++}", StringComparison.Ordinal);
            var reply = await RawMcp.PostAsync(server.McpUrl, body, Ct, @case.Headers);
            var clean = reply.Status is >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError
                || reply.IsToolError
                || reply.ErrorCode is not null
                || (reply.Status == HttpStatusCode.Accepted && reply.Body.Length == 0);
            if (!clean)
                failures.Add($"{@case.Name}: not refused ({(int)reply.Status}) {Cut(reply.Body)}");
            if (reply.Body.Contains("An error occurred", StringComparison.Ordinal))
                failures.Add($"{@case.Name}: generic error {Cut(reply.Body)}");
            if (reply.Body.Contains("   at ", StringComparison.Ordinal) || reply.Body.Contains("Exception:", StringComparison.Ordinal))
                failures.Add($"{@case.Name}: stack trace or exception leaked {Cut(reply.Body)}");
        }

        // The server is still up and still answers a good call.
        var healthy = await RawMcp.PostAsync(server.McpUrl, RawMcp.ToolCall(StatusTool, id: 1), Ct);
        Assert.Equal(HttpStatusCode.OK, healthy.Status);
        Assert.False(healthy.IsToolError, healthy.Text);

        var expected = cases.Count(@case => @case.IsToolCall) + 1;
        var records = await audit.RecordsAsync(expected, Ct);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(expected, records.Count);
        TestContext.Current.SendDiagnosticMessage($"{ServerName}: {cases.Count} malformed inputs, {expected - 1} tool calls, {records.Count} audit records");
    }

    /// <summary>For every tool and argument: wrong types, bounds crossed, missing required, unknown extras.</summary>
    private static IEnumerable<Case> SchemaCases(JsonArray tools)
    {
        foreach (var tool in tools.OfType<JsonObject>())
        {
            var name = tool["name"]!.GetValue<string>();
            var schema = tool["inputSchema"] as JsonObject;
            var properties = schema?["properties"] as JsonObject ?? [];
            var required = (schema?["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
            var valid = ValidArguments(properties, required);

            yield return Call($"{name}: unknown argument", name, With(valid, "not_an_argument", JsonValue.Create(1)));
            yield return Call($"{name}: arguments is a string", name, "\"not an object\"");
            yield return Call($"{name}: arguments is an array", name, "[1,2,3]");
            foreach (var missing in required)
                yield return Call($"{name}: missing {missing}", name, Without(valid, missing));

            foreach (var (argument, node) in properties)
            {
                if (node is not JsonObject property)
                    continue;
                var types = Types(property);
                if (types.Contains("string"))
                {
                    yield return Call($"{name}.{argument}: number for string", name, With(valid, argument, JsonValue.Create(42)));
                    yield return Call($"{name}.{argument}: 100 KB string", name, With(valid, argument, JsonValue.Create(new string('x', 100_000))));
                    if (property["maxLength"] is JsonValue max)
                        yield return Call($"{name}.{argument}: over maxLength", name, With(valid, argument, JsonValue.Create(new string('a', max.GetValue<int>() + 1))));
                    if (property["enum"] is JsonArray)
                        yield return Call($"{name}.{argument}: not in enum", name, With(valid, argument, JsonValue.Create("definitely-not-allowed")));
                    if (property["pattern"] is not null)
                        yield return Call($"{name}.{argument}: breaks pattern", name, With(valid, argument, JsonValue.Create("\u202E;rm -rf /\n$(x)")));
                }

                if (types.Contains("integer") || types.Contains("number"))
                {
                    yield return Call($"{name}.{argument}: string for number", name, With(valid, argument, JsonValue.Create("12abc")));
                    if (property["maximum"] is JsonValue maximum)
                        yield return Call($"{name}.{argument}: above maximum", name, With(valid, argument, JsonValue.Create(maximum.GetValue<double>() + 1)));
                    if (property["minimum"] is JsonValue minimum)
                        yield return Call($"{name}.{argument}: below minimum", name, With(valid, argument, JsonValue.Create(minimum.GetValue<double>() - 1)));
                    if (types.Contains("integer"))
                        yield return Call($"{name}.{argument}: fraction for integer", name, With(valid, argument, JsonValue.Create(1.5)));
                }

                if (types.Contains("boolean"))
                    yield return Call($"{name}.{argument}: string for boolean", name, With(valid, argument, JsonValue.Create("yes")));
                if (types.Contains("array"))
                    yield return Call($"{name}.{argument}: object for array", name, With(valid, argument, new JsonObject { ["a"] = 1 }));
                // A null for an optional argument means "not given" (issue 21: single-type schemas); for a required
                // one it is still a refusal.
                if (!types.Contains("null") && required.Contains(argument))
                    yield return Call($"{name}.{argument}: null", name, With(valid, argument, null));
            }
        }
    }

    private IEnumerable<Case> ProtocolCases()
    {
        yield return Call("unknown tool", "no_such_tool", "{}");
        yield return Call("empty tool name", string.Empty, "{}");
        yield return Call("10 KB tool name", new string('t', 10_000), "{}");
        yield return Call("tool name with control characters", "k8s\u0000\u202Econtext", "{}");
        yield return new Case("tools/call without params", """{"jsonrpc":"2.0","id":0,"method":"tools/call"}""", IsToolCall: true);
        yield return new Case("tools/call with params array", """{"jsonrpc":"2.0","id":0,"method":"tools/call","params":[1,2]}""", IsToolCall: true);
        yield return new Case("tools/call with numeric name", """{"jsonrpc":"2.0","id":0,"method":"tools/call","params":{"name":42}}""", IsToolCall: true);
        yield return new Case("tools/call with null name", """{"jsonrpc":"2.0","id":0,"method":"tools/call","params":{"name":null}}""", IsToolCall: true);
        yield return new Case("not JSON", "this is not json", IsToolCall: true);
        // Unreadable, but it names tools/call: a refused call the audit records.
        yield return new Case("truncated JSON", """{"jsonrpc":"2.0","id":0,"method":"tools/call","params":{"name":""", IsToolCall: true);
        yield return new Case("JSON array batch", $"[{RawMcp.ToolCall(StatusTool)}]", IsToolCall: true);
        yield return new Case("JSON string", "\"tools/call\"", IsToolCall: true);
        yield return new Case("empty body", string.Empty, IsToolCall: true);
        yield return new Case("unknown method", """{"jsonrpc":"2.0","id":0,"method":"tools/destroy","params":{}}""", IsToolCall: false);
        yield return new Case("missing jsonrpc version", """{"id":0,"method":"tools/list"}""", IsToolCall: false);
        yield return new Case("wrong jsonrpc version", """{"jsonrpc":"1.0","id":0,"method":"tools/list"}""", IsToolCall: false);
        yield return new Case("object id", """{"jsonrpc":"2.0","id":{"a":1},"method":"tools/list"}""", IsToolCall: false);
        yield return new Case("deeply nested arguments", RawMcp.ToolCall(StatusTool, string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200)), IsToolCall: true);
        yield return new Case("oversized body", RawMcp.ToolCall(StatusTool, $$"""{"pad":"{{new string('x', 200_000)}}"}"""), IsToolCall: true);
        yield return new Case("foreign origin", RawMcp.ToolCall(StatusTool), IsToolCall: true, new Dictionary<string, string> { ["Origin"] = "https://evil.example" });
        yield return new Case("foreign host", RawMcp.ToolCall(StatusTool), IsToolCall: true, new Dictionary<string, string> { ["Host"] = "rebind.attacker.example" });
        yield return new Case("null origin", RawMcp.ToolCall(StatusTool), IsToolCall: true, new Dictionary<string, string> { ["Origin"] = "null" });
        yield return new Case("garbage bearer token", RawMcp.ToolCall(StatusTool, """{"x":1}"""), IsToolCall: true, new Dictionary<string, string> { ["Authorization"] = "Bearer !!not-a-token!!" });
    }

    private static Case Call(string name, string tool, JsonNode? arguments) => Call(name, tool, arguments?.ToJsonString() ?? "null");

    private static Case Call(string name, string tool, string arguments) => new(name, RawMcp.ToolCall(tool, arguments, id: 0), IsToolCall: true);

    /// <summary>Arguments that satisfy the schema, so each case breaks exactly one thing.</summary>
    private static JsonObject ValidArguments(JsonObject properties, HashSet<string> required)
    {
        var arguments = new JsonObject();
        foreach (var name in required)
        {
            if (properties[name] is JsonObject property)
                arguments[name] = SampleValue(property);
        }

        return arguments;
    }

    private static JsonNode? SampleValue(JsonObject property)
    {
        if (property["enum"] is JsonArray values && values.Count > 0)
            return values[0]?.DeepClone();
        var types = Types(property);
        if (types.Contains("integer") || types.Contains("number"))
            return JsonValue.Create(property["minimum"]?.GetValue<double>() is { } min ? (long)Math.Ceiling(min) : 1);
        if (types.Contains("boolean"))
            return JsonValue.Create(false);
        if (types.Contains("array"))
            return new JsonArray();
        return JsonValue.Create("payments");
    }

    private static List<string> Types(JsonObject property) => property["type"] switch
    {
        JsonArray array => [.. array.Select(t => t!.GetValue<string>())],
        JsonValue value => [value.GetValue<string>()],
        _ => [],
    };

    private static JsonObject With(JsonObject valid, string name, JsonNode? value)
    {
        var copy = (JsonObject)valid.DeepClone();
        copy[name] = value;
        return copy;
    }

    private static JsonObject Without(JsonObject valid, string name)
    {
        var copy = (JsonObject)valid.DeepClone();
        copy.Remove(name);
        return copy;
    }

    private static async Task<JsonArray> ListToolsAsync(Uri mcpUrl)
    {
        var reply = await RawMcp.PostAsync(mcpUrl, """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", Ct);
        return reply.Message?["result"]?["tools"] as JsonArray ?? throw new InvalidOperationException($"tools/list failed: {reply.Body}");
    }

    private static string Cut(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
