using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.ServiceDefaults.Security;

/// <summary>
/// The OAuth 2.1 resource server of a team deployment: JWT bearer validation (issuer, audience = this server's
/// resource URI, signature, lifetime), Protected Resource Metadata (RFC 9728), <c>WWW-Authenticate</c>
/// challenges naming the metadata and scope, and <c>insufficient_scope</c> refusals. The caller's token is
/// only validated here; no backend ever sees it.
/// </summary>
public static class SreAuthentication
{
    public const string PolicyName = "sresuite-mcp";
    public const string MetadataPath = "/.well-known/oauth-protected-resource";

    public static WebApplicationBuilder AddSreAuthentication(this WebApplicationBuilder builder, SreServerInfo info)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(info);
        var configuration = builder.Configuration;
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        options.AllowUnauthenticatedRemote |= configuration.GetValue<bool>("Mcp:AllowUnauthenticatedRemote");
        builder.Services.AddOptions<AuthOptions>()
            .Bind(configuration.GetSection(AuthOptions.Section))
            .PostConfigure(bound => bound.AllowUnauthenticatedRemote = options.AllowUnauthenticatedRemote)
            .ValidateSettingsOnStart(Check);

        var required = options.Enabled && info.Transport == ServerTransport.Http;
        builder.Services.AddSingleton(new AuthenticationState(required));
        if (!required)
            return builder;

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.Authority = options.Authority;
                jwt.Audience = options.Audience;
                jwt.RequireHttpsMetadata = options.RequireHttpsMetadata;
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidAudience = options.Audience,
                    ValidateLifetime = true,
                    ValidateIssuerSigningKey = true,
                    RequireSignedTokens = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                jwt.Events = new JwtBearerEvents { OnChallenge = context => ChallengeAsync(context, info) };
            });
        builder.Services.AddAuthorizationBuilder().AddPolicy(PolicyName, policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(context => CallerScopes.Of(context.User).Any(scope => scope.StartsWith($"{info.ScopePrefix}:", StringComparison.Ordinal))));
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, InsufficientScopeHandler>();
        return builder;
    }

    /// <summary>Serves the Protected Resource Metadata, at the root and under the MCP path (RFC 9728 §3.1).</summary>
    public static WebApplication MapProtectedResourceMetadata(this WebApplication app, SreServerInfo info, string mcpPath)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Built on request: the settings are validated when the server starts, after the endpoints are mapped.
        IResult Metadata(IOptions<AuthOptions> options) => Results.Json(
            new ProtectedResourceMetadata(
                options.Value.Audience ?? string.Empty,
                [options.Value.Authority ?? string.Empty],
                [$"{info.ScopePrefix}:read", $"{info.ScopePrefix}:write"],
                ["header"],
                info.Title),
            SecurityJsonContext.Default.ProtectedResourceMetadata);
        app.MapGet(MetadataPath, Metadata);
        app.MapGet(MetadataPath + mcpPath, Metadata);
        return app;
    }

    /// <summary>The URL of the metadata document for a request, as the challenge advertises it.</summary>
    internal static string MetadataUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{MetadataPath}";

    private static async Task ChallengeAsync(JwtBearerChallengeContext context, SreServerInfo info)
    {
        context.HandleResponse();
        var error = context.AuthenticateFailure is null ? string.Empty : ", error=\"invalid_token\"";
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate =
            $"Bearer resource_metadata=\"{MetadataUrl(context.Request)}\", scope=\"{info.ScopePrefix}:read\"{error}";
        var detail = context.AuthenticateFailure is null ? "no bearer token" : "invalid or expired token";
        await HttpRejections.RecordAsync(context.HttpContext, ToolCallOutcome.Denied, $"401: {detail}");
        await HttpRejections.WriteJsonRpcErrorAsync(context.Response, $"Unauthorized: {detail}; get a token for {info.ScopePrefix}:read from the authorization server in {MetadataPath}.");
    }

    /// <summary>
    /// The authority's settings. Whether the server may run without them depends on where it listens, which
    /// <see cref="BindSafety"/> checks from the addresses Kestrel bound once it has started.
    /// </summary>
    private static void Check(AuthOptions options)
    {
        if (!options.Enabled)
            return;
        SettingUrls.Parse("Auth__Authority", options.Authority);
        if (string.IsNullOrWhiteSpace(options.Audience))
            throw new InvalidSettingException("Auth__Audience", "is required with Auth__Authority: set it to this server's resource URI, e.g. https://sre.example.com/infra/mcp.");
    }

    /// <summary>Authenticated callers without any scope of this server get 403 <c>insufficient_scope</c>.</summary>
    private sealed class InsufficientScopeHandler(SreServerInfo info) : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler _default = new();

        public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            if (!authorizeResult.Forbidden)
            {
                await _default.HandleAsync(next, context, policy, authorizeResult);
                return;
            }

            var scope = $"{info.ScopePrefix}:read";
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.Headers.WWWAuthenticate =
                $"Bearer error=\"insufficient_scope\", scope=\"{scope}\", resource_metadata=\"{MetadataUrl(context.Request)}\", error_description=\"this server needs the {scope} or {info.ScopePrefix}:write scope\"";
            await HttpRejections.RecordAsync(context, ToolCallOutcome.Denied, $"403: token lacks {info.ScopePrefix}:* scopes");
            await HttpRejections.WriteJsonRpcErrorAsync(context.Response, $"Forbidden: the token carries no {info.ScopePrefix}:read or {info.ScopePrefix}:write scope.");
        }
    }
}
