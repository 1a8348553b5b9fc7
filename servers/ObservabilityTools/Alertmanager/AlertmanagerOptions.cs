using SreSuite.ObservabilityTools.Analysis;
using SreSuite.ObservabilityTools.Backends;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.ObservabilityTools.Alertmanager;

/// <summary>
/// Where Alertmanager's v2 API answers: <c>ALERTMANAGER_URL</c> or <c>Alertmanager__Url</c>; auth and tenant as in
/// <see cref="AuthenticatedBackendOptions"/>.
/// </summary>
public sealed class AlertmanagerOptions : AuthenticatedBackendOptions
{
    public const string Section = "Alertmanager";

    /// <summary>Prefix of the secret environment variables: <c>ALERTMANAGER_TOKEN</c>, <c>ALERTMANAGER_PASSWORD</c>.</summary>
    public const string VariablePrefix = "ALERTMANAGER";

    /// <summary>The longest silence <c>am_create_silence</c> may create, as a Prometheus duration; <c>Alertmanager__MaxSilenceDuration</c>.</summary>
    public string MaxSilenceDuration { get; set; } = "24h";

    /// <summary>The parsed <see cref="MaxSilenceDuration"/>; throws naming the setting when it is not a duration.</summary>
    public TimeSpan MaxSilence => PromDuration.TryParse(MaxSilenceDuration, out var duration)
        ? duration
        : throw new InvalidSettingException($"{Section}__MaxSilenceDuration", $"'{MaxSilenceDuration}' is not a duration such as 4h or 2d.");
}
