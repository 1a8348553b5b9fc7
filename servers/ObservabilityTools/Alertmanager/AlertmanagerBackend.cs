using Microsoft.Extensions.Options;
using SreSuite.ServiceDefaults.Http;

namespace SreSuite.ObservabilityTools.Alertmanager;

/// <summary>The configured Alertmanager.</summary>
public sealed class AlertmanagerBackend(IAlertmanagerApi api, IOptions<AlertmanagerOptions> options)
    : HttpBackend<IAlertmanagerApi>(api, options.Value, "Alertmanager", AlertmanagerOptions.Section, "ALERTMANAGER_URL")
{
    public override async Task<string> ProbeAsync(CancellationToken cancellationToken)
    {
        var status = await Api.GetStatusAsync(cancellationToken);
        return $"Alertmanager {status.VersionInfo?.Version ?? "(version not reported)"}";
    }
}
