using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SreSuite.ServiceDefaults.Http;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// Turns every failure inside a tool into an <c>isError</c> answer that says what went wrong and what to do,
/// instead of the SDK's generic "An error occurred invoking". Stack traces stay in the server log.
/// </summary>
internal static partial class ToolErrorMapping
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Filter(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            var tool = context.Params?.Name ?? "?";
            var call = ToolCallState.Of(context);
            try
            {
                return await next(context, cancellationToken);
            }
            catch (ToolInputException ex)
            {
                call?.Set(ToolCallOutcome.Invalid);
                return ToolResults.Error(ex.Message);
            }
            catch (WriteNotConfirmedException ex)
            {
                call?.Set(ex.Outcome, ex.Outcome == ToolCallOutcome.Declined ? "not confirmed" : "no one to confirm it");
                return ToolResults.Error(ex.Message);
            }
            catch (InputRequiredException)
            {
                // The SDK turns it into an input-required result (a question for a 2026-07-28 client); not a failure.
                call?.Set(ToolCallOutcome.Asked, ToolCallAudit.AskedDetail);
                throw;
            }
            catch (ToolFailureException ex)
            {
                call?.Set(ToolCallOutcome.Error);
                return ToolResults.Error(ex.Message);
            }
            catch (McpProtocolException)
            {
                throw;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            // Neither the caller nor the tool's deadline cancelled: a backend client's own timeout fired first.
            catch (OperationCanceledException)
            {
                call?.Set(ToolCallOutcome.Timeout, "a backend client's own timeout fired");
                return ToolResults.Error($"{tool} timed out waiting for its backend (the backend client gave up before the tool's deadline). Retry; if it persists, check the backend with the server's status tool.");
            }
            catch (Exception ex) when (BackendErrors.IsBackendFailure(ex))
            {
                call?.Set(ToolCallOutcome.Error);
                return ToolResults.Error($"{tool}: the backend call failed ({BackendErrors.Describe(ex)}). Check the server's status tool; retry later if the backend is recovering.");
            }
            catch (Exception ex)
            {
                call?.Set(ToolCallOutcome.Error);
                var logger = context.Services?.GetService<ILoggerFactory>()?.CreateLogger(typeof(ToolErrorMapping));
                if (logger is not null)
                    LogToolFailed(logger, tool, ex);
                return ToolResults.Error($"{tool} failed unexpectedly ({ex.GetType().Name}); the server logged the details. Retry, or report it if it persists.");
            }
        };

    [LoggerMessage(Level = LogLevel.Error, Message = "Tool {Tool} failed")]
    private static partial void LogToolFailed(ILogger logger, string tool, Exception exception);
}
