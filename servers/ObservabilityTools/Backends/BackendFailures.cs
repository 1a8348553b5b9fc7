using Refit;
using SreSuite.ServiceDefaults.Http;

namespace SreSuite.ObservabilityTools.Backends;

/// <summary>
/// Calls that got no answer. Refit 16 wraps what <c>HttpClient</c> throws before a response (refused connection,
/// DNS failure, timeout) in <see cref="ApiRequestException"/>; the reason is its inner exception.
/// </summary>
public static class BackendFailures
{
    public static bool IsUnanswered(Exception exception) =>
        exception is ApiRequestException || BackendErrors.IsBackendFailure(exception);

    public static string Describe(Exception exception) =>
        BackendErrors.Describe(exception is ApiRequestException { InnerException: { } inner } ? inner : exception);
}
