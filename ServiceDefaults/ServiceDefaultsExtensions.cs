using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Polly;
using Polly.Timeout;
using SreSuite.ServiceDefaults.Health;
using SreSuite.ServiceDefaults.Hosting;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The cross-cutting defaults every SreSuite server shares, in the shape of Aspire's ServiceDefaults:
/// telemetry, health checks and resilient outgoing HTTP.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>The name of the ActivitySource and Meter of the MCP SDK.</summary>
    public const string McpSdkTelemetryName = "Experimental.ModelContextProtocol";

    /// <summary>The prefix of every ActivitySource and Meter the suite itself creates.</summary>
    public const string SuiteTelemetryPrefix = "SreSuite";

    private const string LivenessTag = "live";

    /// <summary>How long one backend's health check may take before it counts as unhealthy.</summary>
    public static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(5);

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler(resilience =>
        {
            // A POST or DELETE whose answer was lost may have happened: retrying it could act twice (a second
            // silence, a second note). Reads get one quick retry: the default schedule (three retries, growing
            // backoff, honouring Retry-After) outlasts a tool's deadline, and the caller would hear "timed out"
            // instead of what the backend said.
            // A timed-out call is never sent again: re-running a query that was too slow doubles the load on a
            // backend that is already struggling and spends the caller's deadline twice. Set before the unsafe-method
            // rule below, which wraps it.
            resilience.Retry.ShouldHandle = async args =>
                HttpClientResiliencePredicates.IsTransient(args.Outcome) && !await TimedOutAsync(args.Outcome, args.Context.CancellationToken);
            resilience.Retry.DisableForUnsafeHttpMethods();
            resilience.Retry.MaxRetryAttempts = 1;
            resilience.Retry.Delay = TimeSpan.FromMilliseconds(250);
            resilience.Retry.ShouldRetryAfterHeader = false;
        }));
        return builder;
    }

    /// <summary>
    /// True when the attempt timed out: the pipeline's attempt timeout, a 408 or 504, or a 503 carrying Prometheus's
    /// <c>errorType: timeout</c> envelope (how Prometheus reports a query that hit its own time limit).
    /// </summary>
    private static async ValueTask<bool> TimedOutAsync(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken)
    {
        if (outcome.Exception is TimeoutRejectedException or TimeoutException or OperationCanceledException)
            return true;
        if (outcome.Result is not { } response)
            return false;
        if (response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.GatewayTimeout)
            return true;
        if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            return false;
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return body.Contains("\"errorType\":\"timeout\"", StringComparison.Ordinal);
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var httpMode = SreServer.TransportOf(builder) == ServerTransport.Http;
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        // Over stdio nothing scrapes /metrics; without a collector the SDK would only collect what no one reads, and
        // building it is start-up time a client waits for. Meters and activity sources stay; nothing listens.
        if (!httpMode && !otlp)
            return builder;

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry();
        // The AppHost names each resource through OTEL_SERVICE_NAME; a standalone server names itself.
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
            telemetry.ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName));
        telemetry
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter(McpSdkTelemetryName, $"{SuiteTelemetryPrefix}.*");
                if (httpMode)
                    metrics.AddPrometheusExporter();
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(builder.Environment.ApplicationName, McpSdkTelemetryName, $"{SuiteTelemetryPrefix}.*")
                    .AddAspNetCoreInstrumentation(aspnet =>
                        // Probes and scrapes would drown the traces that matter.
                        aspnet.Filter = context => !IsOperationalPath(context.Request.Path))
                    .AddHttpClientInstrumentation();
            });

        if (otlp)
            builder.Services.AddOpenTelemetry().UseOtlpExporter();

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LivenessTag]);
        // A hung backend must not hang /health: a probe that cannot answer in time is an unhealthy backend.
        builder.Services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations.Where(registration => registration.Timeout == Timeout.InfiniteTimeSpan))
                registration.Timeout = HealthCheckTimeout;
        });
        return builder;
    }

    /// <summary>
    /// Maps <c>/alive</c> (the process answers), <c>/health</c> (backends reachable) and the Prometheus
    /// <c>/metrics</c> endpoint. Mapped in every environment: each server is deployed on its own and probed by Kubernetes.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync });
        app.MapHealthChecks("/alive", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LivenessTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    private static bool IsOperationalPath(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive") || path.StartsWithSegments("/metrics");
}
