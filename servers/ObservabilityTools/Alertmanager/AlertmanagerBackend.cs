using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Refit;
using SreSuite.ObservabilityTools.Backends;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Http;

namespace SreSuite.ObservabilityTools.Alertmanager;

/// <summary>
/// The configured Alertmanager. <see cref="CallAsync"/> turns its refusals into tool errors: a 400 names the
/// argument the caller must fix, anything else says what happened and what to do.
/// </summary>
public sealed class AlertmanagerBackend : HttpBackend<IAlertmanagerApi>
{
    public AlertmanagerBackend(IAlertmanagerApi api, IOptions<AlertmanagerOptions> options)
        : this(api, options?.Value!, AlertmanagerOptions.Section, AlertmanagerOptions.VariablePrefix)
    {
    }

    /// <summary>A named source: its own section (<c>Alertmanager__Sources__staging</c>) and secret variables (<c>ALERTMANAGER_STAGING_TOKEN</c>).</summary>
    public AlertmanagerBackend(IAlertmanagerApi api, AlertmanagerOptions options, string section, string variablePrefix)
        : base(api, options, "Alertmanager", section, "ALERTMANAGER_URL")
    {
        ArgumentNullException.ThrowIfNull(options);
        Auth = BackendAuth.From(options, section, variablePrefix, Environment.GetEnvironmentVariable);
        MaxSilence = options.MaxSilence;
    }

    public BackendAuth Auth { get; }

    public TimeSpan MaxSilence { get; }

    public override async Task<string> ProbeAsync(CancellationToken cancellationToken)
    {
        var status = await Api.GetStatusAsync(cancellationToken);
        return $"Alertmanager {status.VersionInfo?.Version ?? "(version not reported)"}";
    }

    /// <param name="argument">The tool argument a 400 is about, e.g. <c>filter</c> or <c>matchers</c>.</param>
    /// <param name="notFound">What to say when Alertmanager answers 404.</param>
    public Task<T> CallAsync<T>(Func<IAlertmanagerApi, Task<T>> call, string argument, CancellationToken cancellationToken, string? notFound = null) =>
        CallApiAsync(call, ex => Refused(ex, argument, notFound),
            _ => $"Alertmanager at {Url} answered with something other than its v2 API's JSON; check that {UrlSetting} is its base URL.",
            "prom_status", cancellationToken);

    private Exception Refused(ApiException ex, string argument, string? notFound) =>
        ex.StatusCode switch
        {
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => new ToolInputException(argument, $"Alertmanager rejected it: {Message(ex.Content)}"),
            HttpStatusCode.NotFound when notFound is not null => new ToolFailureException(notFound, ex),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new ToolFailureException(
                $"Alertmanager refused the request (HTTP {(int)ex.StatusCode}); check {Auth.CredentialSettings} (auth now: {Auth.Describe()}).", ex),
            HttpStatusCode.NotFound => new ToolFailureException(
                $"Alertmanager answered 404 for {ex.Uri?.AbsolutePath}: {UrlSetting} must be its base URL, e.g. http://alertmanager:9093.", ex),
            _ => new ToolFailureException($"Alertmanager answered HTTP {(int)ex.StatusCode} ({Message(ex.Content)}); retry later or check prom_status.", ex),
        };

    /// <summary>Alertmanager's error bodies are JSON strings (<c>"silence not found"</c>) or plain text.</summary>
    private static string Message(string? content)
    {
        var text = content?.Trim() ?? string.Empty;
        if (text.StartsWith('"'))
        {
            try
            {
                text = JsonSerializer.Deserialize(text, AlertmanagerJsonContext.Default.String) ?? text;
            }
            catch (JsonException)
            {
            }
        }

        return UntrustedText.Line(text, 300, empty: "no message");
    }
}
