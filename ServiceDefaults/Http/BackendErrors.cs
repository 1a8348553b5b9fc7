using System.Globalization;
using System.Net.Sockets;
using Refit;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ServiceDefaults.Http;

/// <summary>Turns an outgoing-call failure into one line that says what happened, never a stack trace.</summary>
public static class BackendErrors
{
    /// <summary>True for the failures of an outgoing call: HTTP errors, timeouts, refused connections.</summary>
    public static bool IsBackendFailure(Exception exception) => exception switch
    {
        ApiException or ApiRequestException or HttpRequestException or TimeoutException => true,
        _ => exception.GetType().Namespace?.StartsWith("Polly", StringComparison.Ordinal) == true
            || exception.GetType().Name is "HttpOperationException",
    };

    /// <summary>
    /// Runs one call to <paramref name="backend"/> (its settings section, e.g. <c>PagerDuty</c>). An answer it refused
    /// becomes a <c>ToolFailureException</c> worded by <paramref name="describeAnswer"/> (null: not an answer); no
    /// connection or no answer in time is worded the same for every backend, naming the setting to check or raise.
    /// </summary>
    public static async Task<T> CallAsync<T>(string backend, string what, int timeoutSeconds, string statusTool, Func<Task<T>> call, Func<Exception, string?> describeAnswer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(describeAnswer);
        try
        {
            return await call();
        }
        catch (Exception ex) when (describeAnswer(ex) is { } answered)
        {
            throw new ToolFailureException(answered, ex);
        }
        catch (Exception ex) when (ex is OperationCanceledException || IsBackendFailure(ex))
        {
            if (cancellationToken.IsCancellationRequested)
                throw new OperationCanceledException($"{what} was cancelled", ex, cancellationToken);
            if ((ex is ApiRequestException { InnerException: { } inner } ? inner : ex) is HttpRequestException unreachable)
                throw new ToolFailureException($"{backend} could not be reached for {what} ({unreachable.Message}). Check {backend}__Url and the network; {statusTool} shows the URL.", ex);
            throw new ToolFailureException(string.Create(CultureInfo.InvariantCulture,
                $"{backend} did not answer {what} within {timeoutSeconds} s; it may be slow or unreachable. Retry later, or raise {backend}__TimeoutSeconds."), ex);
        }
    }

    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            ApiException api => $"HTTP {(int)api.StatusCode} {api.ReasonPhrase}".TrimEnd(),
            // Refit wraps what HttpClient throws before any response (refused, timed out) in ApiRequestException.
            ApiRequestException { InnerException: { } inner } => Describe(inner),
            HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status} {status}",
            HttpRequestException { InnerException: SocketException socket } => socket.Message,
            HttpRequestException request => request.Message,
            TaskCanceledException or OperationCanceledException or TimeoutException => "timed out",
            _ => exception.Message.Split('\n')[0],
        };
    }
}
