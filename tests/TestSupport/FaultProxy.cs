using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SreSuite.Tests;

/// <summary>
/// A fault-injecting HTTP proxy on 127.0.0.1 in front of a real backend or a fixture. It forwards every request
/// unchanged until switched, at runtime, to refuse connections (it stops listening and drops its open
/// connections, as a backend that went down), to hold each request before forwarding it, or to answer every
/// request itself with a given status, body and headers. It records each request and how it ended, so a test
/// sees at the backend whether a call was abandoned before its answer came.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    // Headers that belong to one connection, not to the message (RFC 9110 §7.6.1), plus Host, set per hop.
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host",
    };

    private readonly HttpClient _upstream = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly ConcurrentQueue<ProxiedRequest> _requests = new();
    private readonly SemaphoreSlim _switching = new(1, 1);
    private volatile ProxyFault _fault = ProxyFault.None;
    private WebApplication? _listener;

    private FaultProxy(Uri upstream) => Upstream = upstream;

    /// <summary>Scheme, host and port of the backend every request is forwarded to.</summary>
    public Uri Upstream { get; }

    /// <summary>The proxy's own address, e.g. <c>http://127.0.0.1:41234/</c>; the same port while it refuses and after.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<ProxiedRequest> Requests => [.. _requests];

    /// <summary>Starts forwarding to the scheme, host and port of <paramref name="upstream"/> on a free loopback port.</summary>
    public static async Task<FaultProxy> StartAsync(Uri upstream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var proxy = new FaultProxy(new Uri(upstream.GetLeftPart(UriPartial.Authority)));
        await proxy.ListenAsync(0, cancellationToken);
        return proxy;
    }

    /// <summary><paramref name="upstreamUrl"/> with the proxy's host and port: the URL to give a server instead.</summary>
    public Uri Through(Uri upstreamUrl)
    {
        ArgumentNullException.ThrowIfNull(upstreamUrl);
        return new UriBuilder(upstreamUrl) { Scheme = Url.Scheme, Host = Url.Host, Port = Url.Port }.Uri;
    }

    /// <summary>Switches the proxy: it listens again if it was refusing, or stops listening for <see cref="ProxyFault.Refuse"/>.</summary>
    public async Task SetAsync(ProxyFault fault, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fault);
        await _switching.WaitAsync(cancellationToken);
        try
        {
            _fault = fault;
            if (fault.Kind == ProxyFaultKind.Refuse && _listener is not null)
            {
                await StopListeningAsync();
            }
            else if (fault.Kind != ProxyFaultKind.Refuse && _listener is null)
            {
                await ListenAsync(Url.Port, cancellationToken);
            }
        }
        finally
        {
            _switching.Release();
        }
    }

    /// <summary>Waits until a request arrives after the first <paramref name="seen"/> ones, and returns it.</summary>
    public async Task<ProxiedRequest> NextRequestAsync(int seen, TimeSpan within, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(within);
        while (true)
        {
            var request = _requests.Skip(seen).FirstOrDefault();
            if (request is not null)
                return request;
            try
            {
                await Task.Delay(20, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"no request reached the proxy for {Upstream} within {within.TotalSeconds} s");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _switching.WaitAsync();
        try
        {
            if (_listener is not null)
                await StopListeningAsync();
        }
        finally
        {
            _switching.Release();
        }

        _upstream.Dispose();
        _switching.Dispose();
    }

    private async Task ListenAsync(int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        // Held requests are dropped on stop rather than waited for.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.Run(context => HandleAsync(context, app.Lifetime.ApplicationStopping));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(new Uri(address).GetLeftPart(UriPartial.Authority) + "/");
        _listener = app;
    }

    private async Task StopListeningAsync()
    {
        var listener = _listener!;
        _listener = null;
        await listener.StopAsync();
        await listener.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context, CancellationToken stopping)
    {
        var fault = _fault;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
        var record = new ProxiedRequest(context.Request.Method, target);
        _requests.Enqueue(record);
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            if (fault.Kind == ProxyFaultKind.Hold)
                await Task.Delay(fault.Delay, ending.Token);
            if (fault.Kind == ProxyFaultKind.Answer)
                await AnswerAsync(context, fault, ending.Token);
            else
                await ForwardAsync(context, target, ending.Token);
            record.End(RequestEnd.Answered, context.Response.StatusCode);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            record.End(RequestEnd.AbortedByClient, null);
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            record.End(RequestEnd.DroppedByProxy, null);
            context.Abort();
        }
        catch (HttpRequestException ex)
        {
            record.End(RequestEnd.Answered, StatusCodes.Status502BadGateway);
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
                await context.Response.WriteAsync($"fault proxy: upstream {Upstream} failed: {ex.Message}", CancellationToken.None);
            }
        }
    }

    private static async Task AnswerAsync(HttpContext context, ProxyFault fault, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = fault.Status;
        context.Response.ContentType = fault.ContentType;
        foreach (var (name, value) in fault.Headers)
            context.Response.Headers[name] = value;
        await context.Response.WriteAsync(fault.Body, cancellationToken);
    }

    private async Task ForwardAsync(HttpContext context, string target, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(Upstream, target));
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
            request.Content = new StreamContent(context.Request.Body);
        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopHeaders.Contains(name))
                continue;
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }

        using var response = await _upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopHeaders.Contains(name))
                context.Response.Headers[name] = values.ToArray();
        }

        await response.Content.CopyToAsync(context.Response.Body, cancellationToken);
    }
}

public enum ProxyFaultKind
{
    /// <summary>Forward every request unchanged.</summary>
    None,

    /// <summary>Nothing listens on the port: connections are refused, open ones are dropped.</summary>
    Refuse,

    /// <summary>Hold each request for a while, then forward it.</summary>
    Hold,

    /// <summary>Answer every request with a fixed status, body and headers.</summary>
    Answer,
}

/// <summary>What a <see cref="FaultProxy"/> does with the requests it receives.</summary>
public sealed record ProxyFault(ProxyFaultKind Kind, TimeSpan Delay, int Status, string Body, string ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public static ProxyFault None { get; } = new(ProxyFaultKind.None, TimeSpan.Zero, 0, string.Empty, string.Empty, []);

    public static ProxyFault Refuse { get; } = new(ProxyFaultKind.Refuse, TimeSpan.Zero, 0, string.Empty, string.Empty, []);

    /// <summary>Holds each request for <paramref name="delay"/> before forwarding it (a slow backend).</summary>
    public static ProxyFault Hold(TimeSpan delay) => new(ProxyFaultKind.Hold, delay, 0, string.Empty, string.Empty, []);

    /// <summary>Answers every request with <paramref name="status"/>, <paramref name="body"/> and <paramref name="headers"/>.</summary>
    public static ProxyFault Answer(HttpStatusCode status, string body, string contentType = "application/json", params (string Name, string Value)[] headers) =>
        new(ProxyFaultKind.Answer, TimeSpan.Zero, (int)status, body, contentType, [.. headers.Select(h => KeyValuePair.Create(h.Name, h.Value))]);

    public override string ToString() => Kind switch
    {
        ProxyFaultKind.Hold => $"hold {Delay.TotalSeconds} s",
        ProxyFaultKind.Answer => $"answer {Status}",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>How a proxied request ended.</summary>
public enum RequestEnd
{
    /// <summary>An answer was sent: the upstream's, or the fault's.</summary>
    Answered,

    /// <summary>The caller closed the connection or cancelled before the answer was complete.</summary>
    AbortedByClient,

    /// <summary>The proxy stopped listening while the request was held.</summary>
    DroppedByProxy,
}

/// <summary>One request the proxy received; <see cref="Ended"/> completes when it ends, however it ends.</summary>
public sealed class ProxiedRequest(string method, string target)
{
    private readonly TaskCompletionSource<RequestEnd> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Method { get; } = method;

    /// <summary>Path and query exactly as the caller sent them.</summary>
    public string Target { get; } = target;

    public Task<RequestEnd> Ended => _ended.Task;

    /// <summary>The status sent back, when an answer was sent.</summary>
    public int? Status { get; private set; }

    internal void End(RequestEnd end, int? status)
    {
        Status = status;
        _ended.TrySetResult(end);
    }

    public override string ToString() => $"{Method} {Target} -> {(Ended.IsCompleted ? $"{Ended.Result} {Status}" : "in progress")}";
}
