using System.Globalization;
using System.Net;
using Octokit;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Http;

namespace SreSuite.IncidentTools.Deploys;

/// <summary>Turns Octokit's exceptions into messages that say what happened and what to do.</summary>
public static class GitHubErrors
{
    public static Task<T> CallAsync<T>(string what, int timeoutSeconds, Func<Task<T>> call, CancellationToken cancellationToken) =>
        BackendErrors.CallAsync("GitHub", what, timeoutSeconds, "incident_status", call, ex => ex is ApiException api ? Describe(api, what, DateTimeOffset.UtcNow) : null, cancellationToken);

    public static string Describe(ApiException exception, string what, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            RateLimitExceededException limit => string.Create(CultureInfo.InvariantCulture,
                $"GitHub rate limit exhausted ({limit.Remaining} of {limit.Limit} requests left) while reading {what}; it resets at {Ages.Timestamp(limit.Reset)} (retry after {Seconds(limit.Reset - now)} s)."),
            SecondaryRateLimitExceededException => $"GitHub's secondary rate limit refused {what}; wait at least 60 s before retrying and avoid parallel calls.",
            AbuseException abuse => $"GitHub's abuse limit refused {what}; retry after {abuse.RetryAfterSeconds ?? 60} s.",
            AuthorizationException => "GitHub refused the token (401 Unauthorized). Check GITHUB_TOKEN: it may be expired or revoked.",
            ForbiddenException => $"GitHub denied {what} (403 Forbidden). The token lacks access to it; it needs read access to the repository's deployments, actions and contents.",
            NotFoundException => $"GitHub answered 404 Not Found for {what}: check the repository (owner/name) and ref, and that the token can see them.",
            _ when exception.StatusCode == HttpStatusCode.TooManyRequests => $"GitHub rate limit reached (429) while reading {what}; {RetryAfter(exception, now)}.",
            _ when (int)exception.StatusCode >= 500 => $"GitHub failed on {what} ({(int)exception.StatusCode} {exception.StatusCode}); it may be having an outage. Retry in a minute.",
            _ => $"GitHub answered {(int)exception.StatusCode} for {what} ({UntrustedText.Line(exception.ApiError?.Message ?? exception.Message, 200)}).",
        };
    }

    // Octokit leaves a 429 as a plain ApiException: the wait is read from the headers here.
    private static string RetryAfter(ApiException exception, DateTimeOffset now)
    {
        var headers = exception.HttpResponse?.Headers;
        if (headers is not null)
        {
            var retryAfter = headers.FirstOrDefault(h => h.Key.Equals("Retry-After", StringComparison.OrdinalIgnoreCase)).Value;
            if (int.TryParse(retryAfter, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
                return string.Create(CultureInfo.InvariantCulture, $"retry after {seconds} s");
            var reset = headers.FirstOrDefault(h => h.Key.Equals("X-RateLimit-Reset", StringComparison.OrdinalIgnoreCase)).Value;
            if (long.TryParse(reset, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
            {
                var at = DateTimeOffset.FromUnixTimeSeconds(epoch);
                return $"it resets at {Ages.Timestamp(at)} (retry after {Seconds(at - now)} s)";
            }
        }

        return "wait at least 60 s before retrying";
    }

    private static long Seconds(TimeSpan wait) => Math.Max(0, (long)Math.Ceiling(wait.TotalSeconds));
}
