using SreSuite.ServiceDefaults.Http;

namespace SreSuite.ObservabilityTools.Backends;

/// <summary>
/// How a backend is reached when it sits behind authentication or serves several tenants (Mimir, Thanos,
/// Cortex, an auth proxy). Secrets are never settings: the password and the token are read from the
/// environment only (<c>PROMETHEUS_PASSWORD</c>, <c>PROMETHEUS_TOKEN</c> and the <c>ALERTMANAGER_</c> equivalents).
/// </summary>
public class AuthenticatedBackendOptions : HttpBackendOptions
{
    /// <summary>
    /// <c>none</c>, <c>basic</c> or <c>bearer</c>. Unset: <c>bearer</c> when the token variable is set,
    /// <c>basic</c> when <see cref="Username"/> is, otherwise <c>none</c>.
    /// </summary>
    public string? Auth { get; set; }

    /// <summary>User for basic auth; the password comes from the environment.</summary>
    public string? Username { get; set; }

    /// <summary>Tenant sent as <c>X-Scope-OrgID</c> (Mimir, Cortex, Thanos multi-tenancy). Not a secret: status shows it.</summary>
    public string? TenantId { get; set; }

    /// <summary>Extra headers sent with every request, e.g. <c>Prometheus__Headers__X-Api-Key</c>. Their values are never shown.</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
