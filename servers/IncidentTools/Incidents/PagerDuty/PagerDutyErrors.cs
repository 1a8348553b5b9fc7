using System.Globalization;
using System.Net;
using System.Text.Json;
using Refit;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Http;

namespace SreSuite.IncidentTools.Incidents.PagerDuty;

/// <summary>Turns PagerDuty failures into messages that say what happened and what to do.</summary>
public static class PagerDutyErrors
{
    /// <summary>Runs a PagerDuty call; any failure becomes a <see cref="ToolFailureException"/> about <paramref name="what"/>.</summary>
    public static Task<T> CallAsync<T>(string what, int timeoutSeconds, Func<Task<T>> call, CancellationToken cancellationToken) =>
        BackendErrors.CallAsync("PagerDuty", what, timeoutSeconds, "incident_status", call, ex => ex is ApiException api ? Describe(api, what) : null, cancellationToken);

    public static string Describe(ApiException exception, string what)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var status = (int)exception.StatusCode;
        var detail = ErrorMessage(exception.Content);
        return exception.StatusCode switch
        {
            HttpStatusCode.Unauthorized =>
                "PagerDuty refused the token (401 Unauthorized). Check PAGERDUTY_TOKEN: it must be a valid REST API key (sent as 'Token token=…').",
            HttpStatusCode.Forbidden =>
                $"PagerDuty denied {what} (403 Forbidden{Suffix(detail)}). The token's user lacks the permission; ask a PagerDuty admin or use another key.",
            HttpStatusCode.NotFound =>
                $"PagerDuty answered 404 Not Found for {what}: check the id (incident_list shows current incidents), or PagerDuty__Url if every call fails.",
            HttpStatusCode.TooManyRequests =>
                $"PagerDuty rate limit reached (429) while reading {what}; {RetryAfter(exception)}. Avoid repeating calls in a loop.",
            HttpStatusCode.BadRequest =>
                $"PagerDuty rejected the request for {what} (400{Suffix(detail)}). Narrow the time window or fix the argument it names.",
            _ when status >= 500 =>
                $"PagerDuty failed on {what} ({status} {exception.ReasonPhrase}); it may be having an outage. Retry in a minute.",
            _ => $"PagerDuty answered {status} {exception.ReasonPhrase} for {what}{Suffix(detail)}.",
        };
    }

    private static string RetryAfter(ApiException exception)
    {
        // PagerDuty sends ratelimit-reset in seconds; the 429 may come without it.
        var headers = exception.Headers;
        if (headers is not null)
        {
            foreach (var name in new[] { "ratelimit-reset", "Retry-After" })
            {
                if (headers.TryGetValues(name, out var values)
                    && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
                    return string.Create(CultureInfo.InvariantCulture, $"retry after {seconds} s");
            }
        }

        return "retry in about a minute (PagerDuty sent no reset time)";
    }

    private static string? ErrorMessage(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
            return null;
        try
        {
            using var document = JsonDocument.Parse(content);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object)
            {
                var message = error.TryGetProperty("message", out var m) ? m.GetString() : null;
                var errors = error.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array
                    ? string.Join("; ", list.EnumerateArray().Select(e => e.ToString()))
                    : null;
                var text = string.IsNullOrEmpty(errors) ? message : $"{message}: {errors}";
                return UntrustedText.Line(text, 200);
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private static string Suffix(string? detail) => string.IsNullOrEmpty(detail) ? string.Empty : $": {detail}";
}
