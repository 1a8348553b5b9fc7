using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// Bounds every tool call in time. The deadline is passed to the tool as its cancellation token, so the
/// backend call is cancelled too; the caller gets a clear answer instead of waiting forever. Work that cannot
/// observe the token reads the same deadline as a <see cref="ToolDeadline"/> and stops itself with a
/// <see cref="ToolTimeoutException"/>.
/// </summary>
internal static class ToolTimeoutFilter
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Filter(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            var tool = context.Params?.Name ?? "?";
            var timeout = context.Services!.GetRequiredService<IOptionsMonitor<ToolPolicyOptions>>().CurrentValue.TimeoutFor(tool);
            context.Items[ToolDeadline.ItemKey] = new ToolDeadline(timeout);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                return await next(context, deadline.Token);
            }
            catch (ToolTimeoutException ex)
            {
                ToolCallState.Of(context)?.Set(ToolCallOutcome.Timeout, ex.Message.Length > 200 ? ex.Message[..200] : ex.Message);
                return ToolResults.Error(ex.Message);
            }
            // A backend client may wrap the cancellation in its own exception; the deadline decides.
            catch (Exception) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                var seconds = timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
                ToolCallState.Of(context)?.Set(ToolCallOutcome.Timeout, $"no answer within {seconds} s");
                return ToolResults.Error(
                    $"{tool} timed out after {seconds} s waiting for its backend; the call was cancelled. Narrow it (a filter, a shorter window) or retry; the operator can raise Guardrails__ToolTimeouts__{tool}.");
            }
        };
}
