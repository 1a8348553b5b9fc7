using System.Diagnostics;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.ServiceDefaults.Security;

/// <summary>
/// Requests refused before MCP sees them (foreign Origin, no token, too large, too many). When such a request
/// is a <c>tools/call</c> it still gets its one audit record, so the trail holds every attempted call.
/// </summary>
public static partial class HttpRejections
{
    // Enough to read the method and tool name of any real request; the rest of an oversized body is never read.
    private const int SniffBytes = 64 * 1024;

    public static async Task WriteJsonRpcErrorAsync(HttpResponse response, string message)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(response.Body);
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WriteStartObject("error");
        writer.WriteNumber("code", -32000);
        writer.WriteString("message", message);
        writer.WriteEndObject();
        writer.WriteNull("id");
        writer.WriteEndObject();
    }

    /// <summary>Writes an audit record for the refused request when it is a <c>tools/call</c>.</summary>
    public static async Task RecordAsync(HttpContext http, ToolCallOutcome outcome, string detail)
    {
        ArgumentNullException.ThrowIfNull(http);
        var call = await SniffToolCallAsync(http);
        if (call is null)
            return;
        var services = http.RequestServices;
        var info = services.GetRequiredService<SreServerInfo>();
        var scrubber = services.GetRequiredService<SecretScrubber>();
        var subject = http.User.Identity?.IsAuthenticated == true
            ? http.User.FindFirst("sub")?.Value ?? http.User.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "authenticated"
            : "anonymous";
        services.GetRequiredService<AuditTrail>().Write(new AuditRecord
        {
            Timestamp = DateTimeOffset.UtcNow,
            Server = info.Name,
            Tool = call.Value.Tool,
            Caller = new AuditCaller { Subject = subject, Transport = "http", Address = http.Connection.RemoteIpAddress?.ToString() },
            RequestId = call.Value.RequestId,
            Arguments = AuditArguments.Redact(call.Value.Arguments, scrubber),
            Outcome = outcome.ToString().ToLowerInvariant(),
            Detail = scrubber.Scrub(detail),
            TraceId = Activity.Current?.TraceId.ToString(),
        });
    }

    /// <summary>True when the request body names the <c>tools/call</c> method, parseable or not.</summary>
    public static async Task<bool> LooksLikeToolCallAsync(HttpContext http) => await SniffToolCallAsync(http) is not null;

    private static async Task<(string Tool, string? RequestId, JsonNode? Arguments)?> SniffToolCallAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method))
            return null;
        string text;
        try
        {
            http.Request.EnableBuffering(SniffBytes);
            http.Request.Body.Position = 0;
            var buffer = new byte[SniffBytes];
            var read = 0;
            int count;
            while (read < buffer.Length && (count = await http.Request.Body.ReadAsync(buffer.AsMemory(read), http.RequestAborted)) > 0)
                read += count;
            text = Encoding.UTF8.GetString(buffer, 0, read);
            http.Request.Body.Position = 0;
        }
        catch (Exception ex) when (ex is IOException or BadHttpRequestException or OperationCanceledException)
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(text) is JsonObject message)
            {
                if (message["method"]?.GetValueKind() != JsonValueKind.String || message["method"]!.GetValue<string>() != "tools/call")
                    return null;
                var parameters = message["params"] as JsonObject;
                var name = parameters?["name"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : "?";
                return (Shorten(name), message["id"]?.ToJsonString().Trim('"'), parameters?["arguments"]?.DeepClone());
            }
        }
        catch (JsonException)
        {
            // A body cut at the sniff limit is not valid JSON; fall back to reading its head.
        }

        if (!ToolsCallMethod().IsMatch(text))
            return null;
        var tool = ToolName().Match(text);
        return (tool.Success ? Shorten(tool.Groups["name"].Value) : "?", null, null);
    }

    private static string Shorten(string name) => UntrustedText.Sanitize(name.Length <= 128 ? name : name[..128]);

    [GeneratedRegex("\"method\"\\s*:\\s*\"tools/call\"")]
    private static partial Regex ToolsCallMethod();

    [GeneratedRegex("\"name\"\\s*:\\s*\"(?<name>[^\"]{1,128})\"")]
    private static partial Regex ToolName();
}
