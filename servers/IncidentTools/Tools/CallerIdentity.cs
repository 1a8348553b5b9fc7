using System.Security.Claims;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.IncidentTools.Tools;

/// <summary>Who asked for a write: the authenticated user, else "local" over stdio or "anonymous" over HTTP.</summary>
public sealed class CallerIdentity(SreServerInfo info)
{
    public string Of(ClaimsPrincipal? user)
    {
        if (user?.Identity is { IsAuthenticated: true } identity)
        {
            var name = identity.Name
                ?? user.FindFirst("preferred_username")?.Value
                ?? user.FindFirst(ClaimTypes.Email)?.Value
                ?? user.FindFirst("sub")?.Value;
            if (!string.IsNullOrWhiteSpace(name))
                return ServiceDefaults.Guardrails.UntrustedText.Sanitize(name);
        }

        return info.Transport == ServerTransport.Stdio ? "local" : "anonymous";
    }
}
