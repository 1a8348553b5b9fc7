using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ServiceDefaults.Security;

/// <summary>Request-size cap and per-caller rate limiting on the MCP endpoint.</summary>
public static class HttpHardening
{
    public const string RateLimitPolicy = "sresuite-per-caller";

    public static WebApplicationBuilder AddHttpHardening(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<HttpHardeningOptions>().Bind(builder.Configuration.GetSection(HttpHardeningOptions.Section));
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(RateLimitPolicy, http =>
            {
                var perMinute = Math.Max(1, http.RequestServices.GetRequiredService<IOptions<HttpHardeningOptions>>().Value.RateLimitPerMinute);
                // A bucket of a minute's worth that refills one token at a time, evenly over the minute, so any
                // limit (4, 90, 600 a minute) is kept exactly.
                return RateLimitPartition.GetTokenBucketLimiter(CallerKey(http), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perMinute,
                    TokensPerPeriod = 1,
                    ReplenishmentPeriod = TimeSpan.FromTicks(TimeSpan.TicksPerMinute / perMinute),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (context, _) =>
            {
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Ceiling(wait.TotalSeconds) : 1;
                response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await HttpRejections.RecordAsync(context.HttpContext, ToolCallOutcome.Denied, "429: rate limit");
                await HttpRejections.WriteJsonRpcErrorAsync(response, $"Too many requests from this caller; retry after {retryAfter} s (the operator sets Mcp__RateLimitPerMinute).");
            };
        });
        return builder;
    }

    /// <summary>Refuses MCP request bodies over <see cref="HttpHardeningOptions.MaxRequestBytes"/> with 413, and audits them.</summary>
    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app, string mcpPath) =>
        app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments(mcpPath))
            {
                var limit = http.RequestServices.GetRequiredService<IOptions<HttpHardeningOptions>>().Value.MaxRequestBytes;
                if (http.Request.ContentLength > limit)
                {
                    http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    await HttpRejections.RecordAsync(http, ToolCallOutcome.Invalid, $"413: body of {http.Request.ContentLength} bytes over {limit}");
                    await HttpRejections.WriteJsonRpcErrorAsync(http.Response, $"Request body too large: {http.Request.ContentLength} bytes, limit {limit} (Mcp__MaxRequestBytes).");
                    return;
                }

                if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                    feature.MaxRequestBodySize = limit;
            }

            await next(http);
        });

    private static string CallerKey(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true
            ? "sub:" + (http.User.FindFirst("sub")?.Value ?? http.User.Identity.Name ?? "authenticated")
            : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
