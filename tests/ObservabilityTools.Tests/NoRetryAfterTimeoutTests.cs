using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SreSuite.ObservabilityTools.Tests;

/// <summary>
/// A query that timed out is never sent again (issue 22): re-running it doubles the load on a Prometheus that is
/// already too slow, and spends the caller's deadline waiting twice.
/// </summary>
public sealed class NoRetryAfterTimeoutTests
{
    [Fact]
    public async Task A_query_slower_than_the_attempt_timeout_is_sent_once()
    {
        var ct = TestContext.Current.CancellationToken;
        // Slower than the resilience pipeline's 10 s attempt timeout, well inside the tool's deadline.
        await using var prometheus = await SlowPrometheus.StartAsync(TimeSpan.FromSeconds(14), timeoutEnvelope: false, ct);
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", new Dictionary<string, string?> { ["PROMETHEUS_URL"] = prometheus.Url.ToString() }, ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, ct);

        var result = await client.CallToolAsync("prom_query", new Dictionary<string, object?> { ["query"] = "up" }, cancellationToken: ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);

        Assert.True(result.IsError, result.Text());
        Assert.Equal(1, prometheus.Queries);
    }

    [Fact]
    public async Task A_query_prometheus_reports_as_timed_out_is_sent_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var prometheus = await SlowPrometheus.StartAsync(TimeSpan.FromMilliseconds(300), timeoutEnvelope: true, ct);
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", new Dictionary<string, string?> { ["PROMETHEUS_URL"] = prometheus.Url.ToString() }, ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, ct);

        var result = await client.CallToolAsync("prom_query", new Dictionary<string, object?> { ["query"] = "up" }, cancellationToken: ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);

        Assert.True(result.IsError, result.Text());
        Assert.Contains("timeout", result.Text(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, prometheus.Queries);
    }

    /// <summary>
    /// A Prometheus that takes its time over queries: it answers after a delay, with Prometheus's own 503
    /// <c>errorType: timeout</c> envelope when asked to, and counts the queries it received.
    /// </summary>
    private sealed class SlowPrometheus : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _queries;

        private SlowPrometheus(WebApplication app, Uri url)
        {
            _app = app;
            Url = url;
        }

        public Uri Url { get; }

        public int Queries => Volatile.Read(ref _queries);

        public static async Task<SlowPrometheus> StartAsync(TimeSpan delay, bool timeoutEnvelope, CancellationToken cancellationToken)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            SlowPrometheus? slow = null;
            app.Run(async context =>
            {
                context.Response.ContentType = "application/json";
                if (!context.Request.Path.StartsWithSegments("/api/v1/query"))
                {
                    await context.Response.WriteAsync("""{"status":"success","data":{"version":"3.0.0"}}""", context.RequestAborted);
                    return;
                }

                Interlocked.Increment(ref slow!._queries);
                try
                {
                    await Task.Delay(delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                if (timeoutEnvelope)
                {
                    context.Response.StatusCode = 503;
                    await context.Response.WriteAsync("""{"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}""", context.RequestAborted);
                }
                else
                {
                    await context.Response.WriteAsync("""{"status":"success","data":{"resultType":"vector","result":[]}}""", context.RequestAborted);
                }
            });
            await app.StartAsync(cancellationToken);
            var url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            slow = new SlowPrometheus(app, url);
            return slow;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
