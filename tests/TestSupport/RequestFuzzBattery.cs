using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace SreSuite.Tests;

/// <summary>
/// A fuzzing pass of malformed JSON-RPC bodies, inside <c>dotnet test</c> (issue 22): seeded random mutations of valid
/// <c>tools/call</c> and <c>resources/read</c> requests — truncation, duplicate keys, bad UTF-8, lone surrogates, deep
/// nesting, huge strings, wrong types, flipped bytes — sent over HTTP and stdio. Invariants: the server never crashes
/// or answers HTTP 500, every answer is a well-formed JSON-RPC result or error, and the audit holds exactly one record
/// per request sent (each body is a tool call or resource read, or a refused body whose method cannot be read).
/// </summary>
public abstract class RequestFuzzBattery
{
    /// <summary>Requests per transport: enough to hit every mutation many times, few enough for a quick CI run.</summary>
    private const int RequestsPerTransport = 150;

    protected abstract string ServerName { get; }

    protected abstract string StatusTool { get; }

    /// <summary>Fixed per server, so a failure replays exactly.</summary>
    protected abstract int Seed { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fuzzed_http_requests_get_well_formed_answers_and_exactly_one_audit_record_each()
    {
        using var audit = new AuditLog();
        var settings = new Dictionary<string, string?>(audit.Settings) { ["Mcp__RateLimitPerMinute"] = "100000", ["Mcp__MaxRequestBytes"] = "262144" };
        await using var server = await ServerProcess.StartAsync(ServerName, settings, Ct);
        var failures = new List<string>();
        var bodies = Bodies(new Random(Seed)).Take(RequestsPerTransport).ToList();

        foreach (var (mutation, body, id) in bodies)
        {
            var reply = await RawMcp.PostAsync(server.McpUrl, body, Ct);
            if (reply.Status >= HttpStatusCode.InternalServerError || WellFormed(reply.Message) is not null && reply.Status != HttpStatusCode.Accepted)
                failures.Add($"{mutation} (id {id}): {(int)reply.Status} {WellFormed(reply.Message)}: {Cut(reply.Body)} ← {Cut(Encoding.UTF8.GetString(body))}");
        }

        var healthy = await RawMcp.PostAsync(server.McpUrl, RawMcp.ToolCall(StatusTool, id: 1), Ct);
        var records = await audit.RecordsAsync(bodies.Count + 1, Ct);
        Report("HTTP", bodies.Count + 1, records);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(HttpStatusCode.OK, healthy.Status);
        Assert.True(bodies.Count + 1 == records.Count, Unaudited(bodies, records));
    }

    [Fact]
    public async Task Fuzzed_stdio_lines_get_well_formed_answers_and_exactly_one_audit_record_each()
    {
        using var audit = new AuditLog();
        var settings = new Dictionary<string, string?>(audit.Settings) { ["Mcp__MaxRequestBytes"] = "262144" };
        var failures = new List<string>();
        var bodies = Bodies(new Random(Seed + 1)).Take(RequestsPerTransport).ToList();
        await using (var stdio = await RawStdio.StartAsync(ServerName, settings, Ct))
        {
            foreach (var (mutation, body, id) in bodies)
            {
                var reply = await stdio.SendAsync(body, id, Ct);
                if (WellFormed(reply) is { } problem)
                    failures.Add($"{mutation} (id {id}): {problem}: {Cut(reply?.ToJsonString() ?? "no answer")} ← {Cut(Encoding.UTF8.GetString(body))}");
            }

            var healthy = await stdio.SendAsync(RawMcp.ToolCall(StatusTool, id: 1), "1", Ct);
            Assert.True(healthy?["result"] is not null, $"{healthy?.ToJsonString()}\n{string.Join('\n', failures)}\n{Cut(stdio.Errors[^Math.Min(2000, stdio.Errors.Length)..])}");
            Assert.False(stdio.HasExited, stdio.Errors);
        }

        var records = await audit.RecordsAsync(bodies.Count + 1, Ct);
        Report("stdio", bodies.Count + 1, records);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.True(bodies.Count + 1 == records.Count, Unaudited(bodies, records));
    }

    private static string Unaudited(List<(string Mutation, byte[] Body, string Id)> bodies, IReadOnlyList<JsonObject> records)
    {
        var seen = records.Select(record => record["request_id"]?.GetValue<string>()).ToHashSet();
        return $"{records.Count} records for {bodies.Count + 1} requests; not audited by id: " + string.Join('\n', bodies
            .Where(body => !seen.Contains(body.Id))
            .Select(body => $"{body.Mutation} (id {body.Id}) {Cut(Encoding.UTF8.GetString(body.Body))}"));
    }

    private void Report(string transport, int requests, IReadOnlyList<JsonObject> records)
    {
        var byEvent = string.Join(", ", records.GroupBy(record => record["event"]?.GetValue<string>()).OrderBy(group => group.Key).Select(group => $"{group.Key} {group.Count()}"));
        var line = $"{ServerName} fuzz over {transport}: {requests} requests (seed {Seed}), {records.Count} audit records ({byEvent}), unaudited {requests - records.Count}";
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        TestContext.Current.SendDiagnosticMessage(line);
    }

    /// <summary>Null when <paramref name="message"/> is a JSON-RPC 2.0 result, or an error with an integer code and a message.</summary>
    private static string? WellFormed(JsonObject? message)
    {
        if (message is null)
            return "no JSON-RPC answer";
        if (message["jsonrpc"]?.GetValue<string>() != "2.0")
            return "no jsonrpc 2.0";
        if (message["result"] is JsonObject)
            return message.ContainsKey("error") ? "both result and error" : null;
        if (message["error"] is not JsonObject error)
            return "neither result nor error";
        if (error["code"] is not JsonValue code || !code.TryGetValue<int>(out _))
            return "error without an integer code";
        if (error["message"] is not JsonValue text || string.IsNullOrWhiteSpace(text.GetValue<string>()))
            return "error without a message";
        return text.GetValue<string>().Contains("An error occurred", StringComparison.Ordinal) ? "the SDK's generic error" : null;
    }

    /// <summary>Mutated requests, forever; each keeps its id and method intact (mutations start after them) so the answer can be matched.</summary>
    private IEnumerable<(string Mutation, byte[] Body, string Id)> Bodies(Random random)
    {
        for (var n = 1000; ; n++)
        {
            var id = n.ToString(CultureInfo.InvariantCulture);
            var read = random.Next(4) == 0;
            var head = $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"{(read ? "resources/read" : "tools/call")}\",";
            var tool = random.Next(5) == 0 ? "no_such_tool" : StatusTool;
            var rest = read
                ? "\"params\":{\"uri\":\"runbook://platform/node-not-ready\"}}"
                : "\"params\":{\"name\":\"" + tool + "\",\"arguments\":{\"namespace\":\"payments\",\"limit\":5,\"labels\":[\"a\",\"b\"],\"nested\":{\"k\":\"v\"}}}}";
            var mutations = random.Next(6) == 0 ? 2 : 1;
            var body = Encoding.UTF8.GetBytes(rest);
            var names = new List<string>();
            for (var m = 0; m < mutations; m++)
            {
                var (name, mutated) = Mutate(random, body);
                names.Add(name);
                body = mutated;
            }

            yield return (string.Join(" + ", names), [.. Encoding.UTF8.GetBytes(head), .. body], id);
        }
    }

    private static (string Name, byte[] Body) Mutate(Random random, byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        switch (random.Next(11))
        {
            case 0:
                return ("truncate", body[..random.Next(body.Length)]);
            case 1:
                return ("duplicate key", Insert(text, random, "\"namespace\":\"x\",\"namespace\":\"y\","));
            case 2:
                return ("duplicate key, other case", Insert(text, random, "\"Limit\":1,\"limit\":2,"));
            case 3:
                return ("bad UTF-8", InsertBytes(body, random, [random.Next(4) switch { 0 => 0xFF, 1 => 0xC3, 2 => 0xED, _ => 0xF8 }]));
            case 4:
                return ("lone surrogate", Insert(text, random, random.Next(2) == 0 ? "\\ud800" : "\\udfff", insideString: true));
            case 5:
                var depth = random.Next(60, 400);
                return ("deep nesting", Encoding.UTF8.GetBytes(text.Replace("\"v\"", new string('[', depth) + "1" + new string(']', depth), StringComparison.Ordinal)));
            case 6:
                var size = random.Next(3) == 0 ? 400_000 : random.Next(1_000, 100_000);
                return ($"huge string ({size} chars)", Encoding.UTF8.GetBytes(text.Replace("\"payments\"", $"\"{new string('x', size)}\"", StringComparison.Ordinal)));
            case 7:
                string[] wrong = ["[1,2]", "42", "\"text\"", "null", "true", "{}"];
                var target = random.Next(3) switch { 0 => "\"params\":", 1 => "\"name\":", _ => "\"arguments\":" };
                var at = text.IndexOf(target, StringComparison.Ordinal);
                if (at < 0)
                    return ("wrong type (no target)", body);
                var start = at + target.Length;
                var end = ValueEnd(text, start);
                return ($"wrong type for {target.TrimEnd(':')}", Encoding.UTF8.GetBytes(text[..start] + wrong[random.Next(wrong.Length)] + text[end..]));
            case 8:
                var flipped = (byte[])body.Clone();
                var position = random.Next(flipped.Length);
                flipped[position] = (byte)random.Next(0x20, 0x7F);
                return ("flipped byte", flipped);
            case 9:
                return ("escaped characters", Encoding.UTF8.GetBytes(text.Replace("namespace", "n\\u0061mespace", StringComparison.Ordinal)));
            default:
                return ("stray control character", InsertBytes(body, random, [(byte)random.Next(0x00, 0x09)]));
        }
    }

    private static byte[] Insert(string text, Random random, string insertion, bool insideString = false)
    {
        // After an opening brace (a key position) or, for string content, after an opening quote of a value.
        var anchors = Enumerable.Range(0, text.Length).Where(i => insideString ? text[i] == '"' && i > 0 && text[i - 1] == ':' : text[i] == '{').ToList();
        if (anchors.Count == 0)
            return Encoding.UTF8.GetBytes(text);
        var at = anchors[random.Next(anchors.Count)] + 1;
        var next = insideString || at >= text.Length || text[at] != '}' ? insertion : insertion.TrimEnd(',');
        return Encoding.UTF8.GetBytes(text[..at] + next + text[at..]);
    }

    private static byte[] InsertBytes(byte[] body, Random random, byte[] insertion)
    {
        var at = random.Next(body.Length);
        return [.. body[..at], .. insertion, .. body[at..]];
    }

    /// <summary>Where the JSON value starting at <paramref name="start"/> ends (a rough scan: the fuzz only needs a plausible cut).</summary>
    private static int ValueEnd(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                    i++;
                else if (c == '"')
                    inString = false;
                if (!inString && depth == 0)
                    return i + 1;
                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    if (depth == 0)
                        return i;
                    depth--;
                    if (depth == 0)
                        return i + 1;
                    break;
                case ',' when depth == 0:
                    return i;
            }
        }

        return text.Length;
    }

    private static string Cut(string text) => text.Length <= 240 ? text : text[..240] + "…";
}
