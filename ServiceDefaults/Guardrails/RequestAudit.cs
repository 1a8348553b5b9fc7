using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SreSuite.ServiceDefaults.Hosting;
using SreSuite.ServiceDefaults.Mcp;
using SreSuite.ServiceDefaults.Transport;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// The one place audit records are built, for every path a <c>tools/call</c> or <c>resources/read</c> can take: refused
/// by the strict reader, by a size, Origin, token or rate check, by the MCP transport, or answered by the SDK. Each
/// message is recorded exactly once (the first writer marks it), and writing a record never throws.
/// </summary>
public sealed partial class RequestAudit(AuditTrail trail, SecretScrubber scrubber, SreServerInfo info, ILogger<RequestAudit> logger, IEnumerable<BackendSelector> selectors)
{
    /// <summary>The event of a refused request whose method could not be read.</summary>
    public const string UnreadableEvent = "unreadable";

    private const int MaxTargetChars = 128;

    private readonly BackendSelector[] _selectors = [.. selectors];

    /// <summary>
    /// A request refused before the MCP SDK saw it: one record for each <c>tools/call</c> and <c>resources/read</c> it
    /// holds, or one <c>unreadable</c> record when no message's method could be read.
    /// </summary>
    public void Refused(InspectedRequest request, AuditCaller caller, ToolCallOutcome outcome, string detail)
    {
        ArgumentNullException.ThrowIfNull(request);
        var audited = false;
        foreach (var message in request.Audited)
        {
            audited = true;
            if (message.AuditWritten)
                continue;
            message.AuditWritten = true;
            Write(message.Method!, message.Target, AuditArguments.Redact(message.ArgumentsJson, scrubber), caller, outcome, detail, message.IdJson?.Trim('"'));
        }

        if (!audited && request.IsUnreadable && !request.UnreadableAuditWritten)
        {
            request.UnreadableAuditWritten = true;
            Write(UnreadableEvent, null, null, caller, outcome, $"{detail} ({request.Length} bytes read)", null);
        }
    }

    /// <summary>A message the MCP SDK handled, as the message filter saw it end.</summary>
    public void Completed(string method, string? target, JsonNode? arguments, AuditCaller caller, ToolCallState call, string? requestId, string? sessionId) =>
        Write(method, target, AuditArguments.Redact(arguments, scrubber), caller, call.Outcome ?? ToolCallOutcome.Ok, call.Detail, requestId, sessionId,
            Math.Round(Stopwatch.GetElapsedTime(call.StartedAt).TotalMilliseconds, 1), call.AnswerBytes);

    private void Write(
        string method, string? target, JsonObject? arguments, AuditCaller caller, ToolCallOutcome outcome, string? detail, string? requestId,
        string? sessionId = null, double durationMs = 0, int answerBytes = 0)
    {
        AuditRecord? record = null;
        try
        {
            var shown = target is null ? null : UntrustedText.Sanitize(target.Length <= MaxTargetChars ? target : target[..MaxTargetChars]);
            record = new AuditRecord
            {
                Timestamp = DateTimeOffset.UtcNow,
                Event = method,
                Server = info.Name,
                Tool = method == JsonRpcEnvelope.ToolsCall ? shown ?? "?" : null,
                Backend = method == JsonRpcEnvelope.ToolsCall ? Backend(target, arguments) : null,
                Resource = method == JsonRpcEnvelope.ResourcesRead ? shown ?? "?" : null,
                Caller = caller,
                SessionId = sessionId,
                RequestId = requestId is null ? null : UntrustedText.Sanitize(requestId.Length <= MaxTargetChars ? requestId : requestId[..MaxTargetChars]),
                Arguments = arguments,
                Outcome = outcome.ToString().ToLowerInvariant(),
                Detail = detail is null ? null : scrubber.Scrub(detail),
                DurationMs = durationMs,
                AnswerBytes = answerBytes,
                TraceId = Activity.Current?.TraceId.ToString(),
            };
            trail.Write(record);
        }
#pragma warning disable CA1031 // The audit must never turn a refusal into a crash or an HTTP 500, nor lose the record.
        catch (Exception ex)
        {
            LogWriteFailed(logger, method, ex.GetType().Name, ex.Message);
            // Arguments that cannot be written (a lone surrogate kept in a nested value) must not cost the record.
            try
            {
                if (record is not null)
                    trail.Write(record with { Arguments = new JsonObject { ["(unreadable)"] = "arguments the audit could not write" } });
            }
            catch (Exception again)
            {
                LogWriteFailed(logger, method, again.GetType().Name, again.Message);
            }
        }
#pragma warning restore CA1031
    }

    /// <summary>
    /// The backend(s) a tool call touched: for each selector that applies to the tool, the name it gave (even one refused
    /// as outside the list) or the default; for a tool no selector applies to (a status tool, which reports on all of
    /// them), every name of every selector.
    /// </summary>
    private string? Backend(string? tool, JsonObject? arguments)
    {
        var applying = tool is null ? [] : _selectors.Where(selector => selector.AppliesTo(tool)).ToList();
        var parts = applying.Count > 0
            ? applying.Select(selector => $"{selector.Kind} {UntrustedText.Line(selector.NameIn(arguments) ?? selector.Default, MaxTargetChars)}")
            : _selectors.Select(selector => $"{selector.Kind} {string.Join(",", selector.Names)}");
        var text = string.Join("; ", parts);
        return text.Length == 0 ? null : text;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the audit record of a {Method}: {Error}: {Message}")]
    private static partial void LogWriteFailed(ILogger logger, string method, string error, string message);
}
