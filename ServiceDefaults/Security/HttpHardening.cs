using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.ServiceDefaults.Security;

/// <summary>Per-caller rate limiting on the MCP endpoint (the size cap is the request reader's: <see cref="Transport.McpHttpRequestReader"/>).</summary>
public static class HttpHardening
{
    public const string RateLimitPolicy = "sresuite-per-caller";

    public static WebApplicationBuilder AddHttpHardening(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
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

    private static string CallerKey(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true
            ? "sub:" + CallerIdentity.Subject(http.User, ServerTransport.Http)
            : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
