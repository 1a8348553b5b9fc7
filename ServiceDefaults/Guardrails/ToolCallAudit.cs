using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SreSuite.ServiceDefaults.Hosting;
using SreSuite.ServiceDefaults.Transport;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// The audit at the message level, where it sees every <c>tools/call</c> and <c>resources/read</c> the SDK handles —
/// invalid, denied, failed, unknown tools and malformed params included — exactly once. Request filters record their
/// verdict in the shared <see cref="ToolCallState"/>; this filter writes the record when the call ends, however it
/// ends. Requests refused before the SDK are audited by the request reader and the HTTP checks instead, through the
/// same <see cref="RequestAudit"/>.
/// </summary>
internal static class ToolCallAudit
{
    public static McpMessageFilter Filter => next => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is not JsonRpcRequest { Method: RequestMethods.ToolsCall or RequestMethods.ResourcesRead } request)
        {
            await next(context, cancellationToken);
            return;
        }

        var call = new ToolCallState();
        context.Items[ToolCallState.ItemKey] = call;
        // The retry answering a question a suspended handler asked: what the handler reports from now on is this call's.
        if (RequestStateOf(request) is { } state && Suspended.TryRemove(state, out var asking))
            asking.ContinueIn(call);
        try
        {
            await next(context, cancellationToken);
            // A suspended call is audited as asked; its handler's later verdicts belong to the retry.
            if (!call.Suspended)
                call.Set(ToolCallOutcome.Ok);
        }
        catch (McpProtocolException ex)
        {
            call.Set(ex.ErrorCode is McpErrorCode.InvalidParams or McpErrorCode.InvalidRequest or McpErrorCode.MethodNotFound or McpErrorCode.ResourceNotFound
                ? ToolCallOutcome.Invalid
                : ToolCallOutcome.Error, ex.Message);
            throw;
        }
        catch (OperationCanceledException)
        {
            call.Set(ToolCallOutcome.Cancelled, "cancelled by the client or the server shutting down");
            throw;
        }
        catch (Exception ex)
        {
            call.Set(ToolCallOutcome.Error, ex.GetType().Name);
            throw;
        }
        finally
        {
            Write(context, request, call);
            // No retry before the handler's deadline: the handler's outcome (unanswered) gets a record of its own.
            if (call.Suspended)
            {
                call.WhenUnanswered(outcome =>
                {
                    Suspended.TryRemove(call.QuestionState!, out _);
                    Write(context, request, outcome);
                });
            }
        }
    };

    /// <summary>
    /// Sees each answer leave. An input-required result on a call no filter gave a verdict is the SDK suspending the
    /// handler to ask the client (a 2026-07-28 client over stdio): the request is audited as asked, and its state is kept
    /// under the result's request state until the client's retry, which carries that state, picks it up.
    /// </summary>
    public static McpMessageFilter Outgoing => next => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is JsonRpcResponse { Result: JsonObject result }
            && result["resultType"] is JsonValue type && type.GetValueKind() == JsonValueKind.String && type.GetValue<string>() == InputRequiredResultType
            && result["requestState"] is JsonValue state && state.GetValueKind() == JsonValueKind.String
            && ToolCallState.Of(context) is { } call
            && call.Suspend(state.GetValue<string>(), AskedDetail))
        {
            Suspended[state.GetValue<string>()] = call;
        }

        await next(context, cancellationToken);
    };

    /// <summary>The audit detail of a request answered with a question, over either path (suspended handler or retry).</summary>
    internal const string AskedDetail = "confirmation asked; the client retries with the answer";

    private const string InputRequiredResultType = "input_required";

    /// <summary>Calls whose handler waits for the client's retry, by the request state the retry will carry.</summary>
    private static readonly ConcurrentDictionary<string, ToolCallState> Suspended = new(StringComparer.Ordinal);

    private static string? RequestStateOf(JsonRpcRequest request) =>
        request.Params is JsonObject parameters && parameters["requestState"] is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;

    private static void Write(MessageContext context, JsonRpcRequest request, ToolCallState call)
    {
        var services = context.Services ?? context.Server.Services;
        if (services is null)
            return;
        var info = services.GetRequiredService<SreServerInfo>();
        var parameters = request.Params as JsonObject;
        var isTool = request.Method == RequestMethods.ToolsCall;
        var target = parameters?[isTool ? "name" : "uri"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
        // Over HTTP the request reader saw this message first; marking it keeps its fallback record from being written too.
        if (services.GetService<IHttpContextAccessor>()?.HttpContext?.Features.Get<InspectedRequest>() is { } inspected)
        {
            foreach (var message in inspected.Audited)
                message.AuditWritten = true;
        }

        services.GetRequiredService<RequestAudit>().Completed(
            request.Method, target, isTool ? parameters?["arguments"] : null, Caller(context, info), call, request.Id.ToString(), context.Server.SessionId);
    }

    /// <summary>The caller as the audit names it: the token's subject and client, or where the call came from.</summary>
    internal static AuditCaller Caller(MessageContext context, SreServerInfo info) =>
        CallerIdentity.ForAudit(context.User, info.Transport, context.Server.ClientInfo?.Name ?? context.JsonRpcMessage.Context?.ClientInfo?.Name);
}
