using System.Text.Json;
using Refit;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.ServiceDefaults.Http;

/// <summary>A backend reached over HTTP through a typed client: its URL, where that came from, and the client.</summary>
public abstract class HttpBackend<TApi> : IBackend
    where TApi : class
{
    private readonly TApi _api;
    private readonly string _urlVariable;
    private readonly string _section;

    protected HttpBackend(TApi api, HttpBackendOptions options, string displayName, string section, string urlVariable)
    {
        ArgumentNullException.ThrowIfNull(options);
        _api = api;
        _section = section;
        _urlVariable = urlVariable;
        DisplayName = displayName;
        UrlSetting = options.UrlSetting;
        Url = SettingUrls.Parse(options.UrlSetting, options.Url);
    }

    public string DisplayName { get; }

    /// <summary>The base URL, or null when the backend is not configured.</summary>
    public Uri? Url { get; }

    public bool IsConfigured => Url is not null;

    public string UrlSetting { get; }

    /// <summary>The typed client; refuses the call, naming the setting, when no URL is configured.</summary>
    public TApi Api => Url is null ? throw new ToolFailureException($"{NotConfiguredMessage}.") : _api;

    public string NotConfiguredMessage => $"no {DisplayName} configured: set {_urlVariable} (or {_section}__Url)";

    /// <summary>Asks the backend who it is; returns a short description such as its version.</summary>
    public abstract Task<string> ProbeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs one call through the typed client. A refusal (an HTTP error answer) becomes what <paramref name="refused"/>
    /// makes of it, an answer that is not the API's JSON what <paramref name="notJson"/> says; no answer at all is worded
    /// the same for every backend, pointing at <paramref name="statusTool"/>.
    /// </summary>
    protected async Task<T> CallApiAsync<T>(Func<TApi, Task<T>> call, Func<ApiException, Exception> refused, Func<JsonException, string> notJson, string statusTool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(refused);
        ArgumentNullException.ThrowIfNull(notJson);
        if (Url is null)
            throw new ToolFailureException($"{NotConfiguredMessage}; {statusTool} shows what this server uses.");
        try
        {
            return await call(Api);
        }
        catch (ApiException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw refused(ex);
        }
        catch (JsonException ex)
        {
            throw new ToolFailureException(notJson(ex), ex);
        }
        catch (Exception ex) when (BackendErrors.IsBackendFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw new ToolFailureException($"{DisplayName} at {Url} did not answer ({BackendErrors.Describe(ex)}); {statusTool} shows its reachability. Retry once it is back.", ex);
        }
    }
}
