using SreSuite.ServiceDefaults.Http;

namespace SreSuite.ObservabilityTools.Alertmanager;

/// <summary>Where Alertmanager's v2 API answers: <c>ALERTMANAGER_URL</c> or <c>Alertmanager__Url</c>.</summary>
public sealed class AlertmanagerOptions : HttpBackendOptions
{
    public const string Section = "Alertmanager";
}
