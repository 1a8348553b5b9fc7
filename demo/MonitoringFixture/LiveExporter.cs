using System.Net;
using System.Text;

namespace SreSuite.MonitoringFixture;

/// <summary>
/// Serves a scenario's series at <c>/metrics</c> with their values at the moment of each scrape, so Prometheus keeps
/// receiving samples after the backfilled history ends and the scenario's alerts stay firing.
/// </summary>
public sealed class LiveExporter : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly IReadOnlyList<PlayedSeries> _series;
    private readonly Task _serving;

    public LiveExporter(IReadOnlyList<PlayedSeries> series, int port)
    {
        _series = series;
        Port = port;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        // HttpListener matches the Host header too: probes that say localhost (as Aspire's do) must match.
        _listener.Prefixes.Add($"http://localhost:{port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                var body = context.Request.Url?.AbsolutePath == "/metrics" ? LiveExposition.Render(_series, DateTimeOffset.UtcNow) : "not found\n";
                context.Response.StatusCode = body == "not found\n" ? 404 : 200;
                context.Response.ContentType = LiveExposition.ContentType;
                var bytes = Encoding.UTF8.GetBytes(body);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}
