namespace SreSuite.ServiceDefaults.Security;

/// <summary>
/// OAuth 2.1 resource-server settings for a team deployment over HTTP. Without an authority the server runs in
/// local mode (no token needed) and must stay on loopback unless <see cref="AllowUnauthenticatedRemote"/> is set.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The authorization server (token issuer) URL; its OpenID configuration gives the signing keys. <c>Auth__Authority</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>This server's resource URI, which tokens must name as audience (RFC 8707), e.g. <c>https://sre.example.com/infra/mcp</c>. <c>Auth__Audience</c>.</summary>
    public string? Audience { get; set; }

    /// <summary>Fetch the authority's metadata over HTTPS only; turn off only for a local test issuer. <c>Auth__RequireHttpsMetadata</c>.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Bind beyond loopback without authentication (e.g. a gateway in front authenticates). <c>Mcp__AllowUnauthenticatedRemote</c>.</summary>
    public bool AllowUnauthenticatedRemote { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
