using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SreSuite.Tests;

/// <summary>
/// A real OpenID Connect issuer on 127.0.0.1 for the tests: it serves discovery and JWKS over HTTP, so the
/// servers' JWT bearer validation runs exactly as against a production authorization server.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key;

    private TestIssuer(WebApplication app, RsaSecurityKey key, string issuer)
    {
        _app = app;
        _key = key;
        Issuer = issuer;
    }

    public string Issuer { get; }

    public static async Task<TestIssuer> StartAsync(CancellationToken cancellationToken)
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key-1" };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var issuer = string.Empty;
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
        jwk.Use = "sig";
        jwk.Alg = SecurityAlgorithms.RsaSha256;
        var jwks = new Dictionary<string, object?>
        {
            ["keys"] = new[] { new Dictionary<string, object?> { ["kty"] = jwk.Kty, ["kid"] = jwk.Kid, ["use"] = jwk.Use, ["alg"] = jwk.Alg, ["n"] = jwk.N, ["e"] = jwk.E } },
        };
        Dictionary<string, object?> Discovery() => new()
        {
            ["issuer"] = issuer,
            ["jwks_uri"] = $"{issuer}/jwks",
            ["authorization_endpoint"] = $"{issuer}/authorize",
            ["token_endpoint"] = $"{issuer}/token",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        };
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(Discovery()));
        app.MapGet("/jwks", () => Results.Json(jwks));
        await app.StartAsync(cancellationToken);
        issuer = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestIssuer(app, key, issuer);
    }

    /// <summary>A signed access token for <paramref name="audience"/> with the given scopes.</summary>
    public string Token(string subject, string audience, string scopes, TimeSpan? lifetime = null, string? issuer = null, string? clientId = "sre-copilot")
    {
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(10));
        var claims = new Dictionary<string, object> { ["scope"] = scopes };
        if (clientId is not null)
            claims["azp"] = clientId;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject)]),
            Claims = claims,
            NotBefore = expires < now ? expires.AddMinutes(-10) : now.AddSeconds(-5),
            IssuedAt = expires < now ? expires.AddMinutes(-10) : now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A signed access token for <paramref name="audience"/> carrying exactly <paramref name="identityClaims"/> as its identity (no <c>sub</c> unless given).</summary>
    public string TokenWithClaims(IReadOnlyDictionary<string, string> identityClaims, string audience, string scopes)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(identityClaims.Select(claim => new Claim(claim.Key, claim.Value))),
            Claims = new Dictionary<string, object> { ["scope"] = scopes, ["azp"] = "sre-copilot" },
            NotBefore = now.AddSeconds(-5),
            IssuedAt = now,
            Expires = now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A token signed by a key the issuer never published.</summary>
    public string ForgedToken(string subject, string audience, string scopes)
    {
        var stranger = new RsaSecurityKey(RSA.Create(2048)) { KeyId = _key.KeyId };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject)]),
            Claims = new Dictionary<string, object> { ["scope"] = scopes },
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(stranger, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Rsa.Dispose();
    }
}
