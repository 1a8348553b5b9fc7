using System.Collections.Concurrent;
using System.Net;
using SreSuite.MonitoringFixture;

namespace SreSuite.ObservabilityTools.Tests;

/// <summary>
/// What sits in front of Prometheus or Alertmanager in a team deployment: a gateway that wants a bearer token and,
/// like Mimir, a tenant in <c>X-Scope-OrgID</c> (401 "no org id" without it). It forwards everything else to the
/// real backend and records the headers it received.
/// </summary>
public sealed class AuthenticatingProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _backend;
    private readonly string _token;
    private readonly string _tenant;
    private readonly Task _serving;
    private readonly bool _failWrites;

    /// <param name="failWrites">Answer every POST with 503, as an overloaded gateway would.</param>
    public AuthenticatingProxy(Uri backend, string token, string tenant, bool failWrites = false)
    {
        _failWrites = failWrites;
        _backend = new HttpClient { BaseAddress = backend };
        _token = token;
        _tenant = tenant;
        var port = ManagedProcess.FreePort();
        Url = new Uri($"http://127.0.0.1:{port}");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    /// <summary>Every request's headers as received, and its method under <c>:method</c>.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> Requests { get; } = new();

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
                await HandleAsync(context);
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or HttpRequestException)
            {
                context.Response.Abort();
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var headers = request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => request.Headers[k] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
        headers[":method"] = request.HttpMethod;
        Requests.Enqueue(headers);
        if (!headers.TryGetValue("X-Scope-OrgID", out var tenant) || tenant != _tenant)
        {
            await RespondAsync(context.Response, HttpStatusCode.Unauthorized, "no org id\n");
            return;
        }

        if (headers.GetValueOrDefault("Authorization") != $"Bearer {_token}")
        {
            await RespondAsync(context.Response, HttpStatusCode.Unauthorized, "unauthorized\n");
            return;
        }

        if (_failWrites && request.HttpMethod == "POST")
        {
            await RespondAsync(context.Response, HttpStatusCode.ServiceUnavailable, "overloaded\n");
            return;
        }

        using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), new Uri(request.Url!.PathAndQuery, UriKind.Relative));
        if (request.HasEntityBody)
        {
            using var body = new MemoryStream();
            await request.InputStream.CopyToAsync(body);
            forward.Content = new ByteArrayContent(body.ToArray());
            forward.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType ?? "application/json");
        }

        using var answer = await _backend.SendAsync(forward);
        context.Response.StatusCode = (int)answer.StatusCode;
        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
        var bytes = await answer.Content.ReadAsByteArrayAsync();
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private static async Task RespondAsync(HttpListenerResponse response, HttpStatusCode status, string body)
    {
        response.StatusCode = (int)status;
        response.ContentType = "text/plain";
        await response.OutputStream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(body));
        response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
        _backend.Dispose();
    }
}
