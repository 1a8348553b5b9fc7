using System.Security.Claims;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.ObservabilityTools.Analysis;

/// <summary>Who is calling, for the records a write tool leaves behind (a silence's <c>createdBy</c>).</summary>
public static class CallerIdentity
{
    /// <summary>
    /// The authenticated subject when there is one; otherwise <c>local</c> over stdio (the user who started the
    /// server) or <c>anonymous</c> over unauthenticated HTTP.
    /// </summary>
    public static string Of(ClaimsPrincipal? user, ServerTransport transport)
    {
        if (user?.Identity is { IsAuthenticated: true } identity)
        {
            var name = identity.Name
                ?? user.FindFirst("sub")?.Value
                ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value
                ?? user.FindFirst("preferred_username")?.Value;
            return string.IsNullOrWhiteSpace(name) ? "authenticated (no subject claim)" : ServiceDefaults.Guardrails.UntrustedText.Sanitize(name).Trim();
        }

        return transport == ServerTransport.Stdio ? "local" : "anonymous";
    }
}
