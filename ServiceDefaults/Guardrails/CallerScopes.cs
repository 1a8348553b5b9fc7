using System.Security.Claims;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>Reads the OAuth scopes of a caller from the token's <c>scope</c> (RFC 8693) or <c>scp</c> claims.</summary>
public static class CallerScopes
{
    public static IReadOnlySet<string> Of(ClaimsPrincipal? caller)
    {
        var scopes = new HashSet<string>(StringComparer.Ordinal);
        if (caller is null)
            return scopes;
        foreach (var claim in caller.FindAll("scope").Concat(caller.FindAll("scp")))
        {
            foreach (var scope in claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                scopes.Add(scope);
        }

        return scopes;
    }
}
