using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.ServiceDefaults.Http;

/// <summary>A backend reached over HTTP through a typed client: its URL, where that came from, and the client.</summary>
public abstract class HttpBackend<TApi>
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

    public string UrlSetting { get; }

    /// <summary>The typed client; refuses the call, naming the setting, when no URL is configured.</summary>
    public TApi Api => Url is null ? throw new ToolFailureException($"{NotConfiguredMessage}.") : _api;

    public string NotConfiguredMessage => $"no {DisplayName} configured: set {_urlVariable} (or {_section}__Url)";

    /// <summary>Asks the backend who it is; returns a short description such as its version.</summary>
    public abstract Task<string> ProbeAsync(CancellationToken cancellationToken);
}
