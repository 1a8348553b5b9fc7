using System.Net.Sockets;
using Refit;

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
