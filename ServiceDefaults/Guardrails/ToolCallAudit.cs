using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// The audit at the message level, where it sees every <c>tools/call</c> — invalid, denied, failed, unknown
/// tools and malformed requests included — exactly once. Request filters record their verdict in the shared
/// <see cref="ToolCallState"/>; this filter writes the record when the call ends, however it ends.
/// </summary>
internal static class ToolCallAudit
{
    public static McpMessageFilter Filter => next => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is not JsonRpcRequest { Method: RequestMethods.ToolsCall } request)
        {
            await next(context, cancellationToken);
            return;
        }

        var call = new ToolCallState();
        context.Items[ToolCallState.ItemKey] = call;
        try
        {
            await next(context, cancellationToken);
            call.Set(ToolCallOutcome.Ok);
        }
        catch (McpProtocolException ex)
        {
            call.Set(ex.ErrorCode is McpErrorCode.InvalidParams or McpErrorCode.InvalidRequest or McpErrorCode.MethodNotFound
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
        }
    };

    private static void Write(MessageContext context, JsonRpcRequest request, ToolCallState call)
    {
        var services = context.Services ?? context.Server.Services;
        if (services is null)
            return;
        var info = services.GetRequiredService<SreServerInfo>();
        var scrubber = services.GetRequiredService<SecretScrubber>();
        var parameters = request.Params as JsonObject;
        var tool = parameters?["name"] is JsonValue name && name.GetValueKind() == JsonValueKind.String
            ? UntrustedText.Sanitize(name.GetValue<string>())
            : "?";
        services.GetRequiredService<AuditTrail>().Write(new AuditRecord
        {
            Timestamp = DateTimeOffset.UtcNow,
            Server = info.Name,
            Tool = tool.Length > 128 ? tool[..128] : tool,
            Caller = Caller(context, info),
            SessionId = context.Server.SessionId,
            RequestId = request.Id.ToString(),
            Arguments = AuditArguments.Redact(parameters?["arguments"], scrubber),
            Outcome = (call.Outcome ?? ToolCallOutcome.Ok).ToString().ToLowerInvariant(),
            Detail = call.Detail is null ? null : scrubber.Scrub(call.Detail),
            DurationMs = Math.Round(Stopwatch.GetElapsedTime(call.StartedAt).TotalMilliseconds, 1),
            AnswerBytes = call.AnswerBytes,
            TraceId = Activity.Current?.TraceId.ToString(),
        });
    }

    /// <summary>The caller as the audit names it: the token's subject and client, or where the call came from.</summary>
    internal static AuditCaller Caller(MessageContext context, SreServerInfo info)
    {
        var user = context.User;
        var clientName = context.Server.ClientInfo?.Name ?? context.JsonRpcMessage.Context?.ClientInfo?.Name;
        if (user?.Identity?.IsAuthenticated == true)
        {
            var subject = user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.Identity.Name ?? "authenticated";
            var tokenClient = user.FindFirst("azp")?.Value ?? user.FindFirst("client_id")?.Value;
            return new AuditCaller
            {
                Subject = subject,
                Client = tokenClient is null ? clientName : $"{tokenClient} ({clientName ?? "unnamed client"})",
                Transport = "http",
            };
        }

        return info.Transport == ServerTransport.Stdio
            ? new AuditCaller { Subject = "local", Client = clientName, Transport = "stdio" }
            : new AuditCaller { Subject = "anonymous", Client = clientName, Transport = "http" };
    }
}
