using System.Security.Claims;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// Who is calling, named once for the audit, the rate limiter, HTTP refusals and the records write tools leave
/// behind (a note's "requested by", a silence's <c>createdBy</c>), so all of them name the same person for one call.
/// </summary>
public static class CallerIdentity
{
    public const string Local = "local";
    public const string Anonymous = "anonymous";
    public const string NoSubject = "authenticated";

    /// <summary>Longest subject kept; a longer claim is cut with <c>…</c>.</summary>
    private const int MaxSubjectChars = 200;

    /// <summary>
    /// An authenticated caller's subject, in this order: <c>sub</c> (stable and unique per issuer, RFC 9068 requires
    /// it), the mapped name identifier, <c>preferred_username</c>, <c>email</c>, the identity's name; written on one
    /// line. Without a token: <c>local</c> over stdio (the user who started the server), <c>anonymous</c> over HTTP.
    /// </summary>
    public static string Subject(ClaimsPrincipal? user, ServerTransport transport)
    {
        if (user?.Identity is not { IsAuthenticated: true } identity)
            return transport == ServerTransport.Stdio ? Local : Anonymous;
        var name = new[] { "sub", ClaimTypes.NameIdentifier, "preferred_username", "email", ClaimTypes.Email }
            .Select(type => user.FindFirst(type)?.Value)
            .Append(identity.Name)
            .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
        return UntrustedText.Line(name, MaxSubjectChars, NoSubject);
    }

    /// <summary>The OAuth client the token was issued to (<c>azp</c> or <c>client_id</c>), when it names one.</summary>
    public static string? TokenClient(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true ? user.FindFirst("azp")?.Value ?? user.FindFirst("client_id")?.Value : null;

    /// <summary>The caller as an audit record names it: subject, client (token client and MCP client name), transport and address.</summary>
    public static AuditCaller ForAudit(ClaimsPrincipal? user, ServerTransport transport, string? clientName = null, string? address = null)
    {
        var tokenClient = TokenClient(user);
        return new AuditCaller
        {
            Subject = Subject(user, transport),
            Client = tokenClient is null ? clientName : $"{tokenClient} ({clientName ?? "unnamed client"})",
            Transport = transport == ServerTransport.Stdio ? "stdio" : "http",
            Address = address,
        };
    }
}
