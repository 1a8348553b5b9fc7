namespace SreSuite.ServiceDefaults.Http;

/// <summary>Settings every HTTP backend shares: where it is and how long to wait for it.</summary>
public class HttpBackendOptions
{
    /// <summary>Base URL; empty means the backend is not configured.</summary>
    public string? Url { get; set; }

    /// <summary>The setting the URL came from (e.g. <c>PROMETHEUS_URL</c>), for messages that name it.</summary>
    public string UrlSetting { get; set; } = string.Empty;

    /// <summary>Seconds before one call is abandoned.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
