using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Refit;
using SreSuite.ObservabilityTools.Backends;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Http;

namespace SreSuite.ObservabilityTools.Prometheus;

/// <summary>The data of a successful Prometheus answer and the warnings that came with it.</summary>
public sealed record PrometheusAnswer<T>(T Data, IReadOnlyList<string> Warnings);

/// <summary>
/// The configured Prometheus. <see cref="CallAsync"/> turns Prometheus' error envelope (<c>errorType</c>,
/// <c>error</c>) into tool errors: a query Prometheus cannot parse or run is the caller's to fix
/// (<see cref="ToolInputException"/> naming the argument), anything else is a <see cref="ToolFailureException"/>.
/// </summary>
public sealed class PrometheusBackend : HttpBackend<IPrometheusApi>
{
    public PrometheusBackend(IPrometheusApi api, IOptions<PrometheusOptions> options)
        : this(api, options?.Value!, PrometheusOptions.Section, PrometheusOptions.VariablePrefix)
    {
    }

    /// <summary>A named source: its own section (<c>Prometheus__Sources__staging</c>) and secret variables (<c>PROMETHEUS_STAGING_TOKEN</c>).</summary>
    public PrometheusBackend(IPrometheusApi api, PrometheusOptions options, string section, string variablePrefix)
        : base(api, options, "Prometheus", section, "PROMETHEUS_URL")
    {
        Auth = BackendAuth.From(options, section, variablePrefix, Environment.GetEnvironmentVariable);
    }

    public BackendAuth Auth { get; }

    public override async Task<string> ProbeAsync(CancellationToken cancellationToken)
    {
        var build = await Api.GetBuildInfoAsync(cancellationToken);
        return $"Prometheus {build.Data?.Version ?? "(version not reported)"}";
    }

    /// <param name="argument">The tool argument a <c>bad_data</c> or <c>execution</c> error is about, e.g. <c>query</c>.</param>
    public async Task<PrometheusAnswer<T>> CallAsync<T>(Func<IPrometheusApi, Task<PrometheusResponse<T>>> call, string argument, CancellationToken cancellationToken)
    {
        var response = await CallApiAsync(call, ex => Translate(ex, argument),
            ex => $"Prometheus at {Url} answered with something other than its API's JSON ({ex.Message.Split('\n')[0]}); check that {UrlSetting} is the Prometheus base URL.",
            "prom_status", cancellationToken);
        return Answer(response, argument);
    }

    /// <summary>The data and warnings of an answer; the error it carries as a tool error otherwise.</summary>
    public static PrometheusAnswer<T> Answer<T>(PrometheusResponse<T> response, string argument)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Status != "success" || response.Data is null)
            throw ErrorOf(response.ErrorType, response.Error, argument);
        var notes = (response.Warnings ?? []).Concat(response.Infos ?? []).ToList();
        return new PrometheusAnswer<T>(response.Data, notes);
    }

    private Exception Translate(ApiException ex, string argument)
    {
        PrometheusError? envelope = null;
        if (!string.IsNullOrWhiteSpace(ex.Content))
        {
            try
            {
                envelope = JsonSerializer.Deserialize(ex.Content, PrometheusJsonContext.Default.PrometheusError);
            }
            catch (JsonException)
            {
            }
        }

        if (envelope?.ErrorType is not null)
            return ErrorOf(envelope.ErrorType, envelope.Error, argument);
        return ex.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new ToolFailureException(
                $"Prometheus refused the request (HTTP {(int)ex.StatusCode}); its credentials are wrong or missing: check {Auth.CredentialSettings}, and {Auth.TenantSetting} (auth now: {Auth.Describe()}).", ex),
            HttpStatusCode.NotFound => new ToolFailureException(
                $"Prometheus answered 404 for {ex.Uri?.AbsolutePath}: {UrlSetting} must be the API's base URL, e.g. http://prometheus:9090 or Mimir's http://mimir/prometheus.", ex),
            _ => new ToolFailureException($"Prometheus answered HTTP {(int)ex.StatusCode} ({BodyExcerpt(ex.Content)}); retry later or check prom_status.", ex),
        };
    }

    /// <summary>
    /// Prometheus' <c>errorType</c> and <c>error</c> as a tool error, the message kept verbatim: <c>bad_data</c> and
    /// <c>execution</c> are about the caller's argument; <c>timeout</c>, <c>canceled</c> and the rest are failures.
    /// </summary>
    public static Exception ErrorOf(string? errorType, string? error, string argument)
    {
        var message = UntrustedText.Line(error ?? "no error message");
        return errorType switch
        {
            "bad_data" => new ToolInputException(argument, $"Prometheus rejected it (bad_data): {message}"),
            "execution" => new ToolInputException(argument, $"Prometheus could not evaluate it (execution): {message}"),
            "timeout" or "canceled" => new ToolFailureException(
                $"Prometheus stopped the query ({errorType}): {message}. Narrow it: a shorter range, a larger step, or more label matchers."),
            _ => new ToolFailureException($"Prometheus failed ({errorType ?? "unknown error"}): {message}"),
        };
    }

    private static string BodyExcerpt(string? content)
    {
        var line = UntrustedText.Sanitize(content).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return UntrustedText.Line(line, 200, empty: "empty body");
    }
}
