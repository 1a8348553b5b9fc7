using System.Diagnostics;
using System.Net;
using ModelContextProtocol.Client;

namespace SreSuite.Resilience.Tests.Backends;

/// <summary>A tool call that reaches one backend, and a phrase its answer holds when the backend is well.</summary>
public sealed record ProbeCall(string Tool, IReadOnlyDictionary<string, object?> Arguments, string NormalAnswer);

/// <summary>A failure answer as the backend (or the gateway in front of it) sends it, and what the tool's error must say.</summary>
public sealed record FailureAnswer(ProxyFault Fault, string Says);

/// <summary>A tool's answer and how long the client waited for it.</summary>
public sealed record TimedAnswer(string Text, bool IsError, TimeSpan Took);

/// <summary>
/// One backend behind a <see cref="FaultProxy"/> and the real server binary reaching it through the proxy, with a
/// two-second tool timeout. A test class shares one, so the same server process meets every fault in turn and
/// must recover from each by itself.
/// </summary>
public abstract class FaultyBackend : IAsyncLifetime
{
    public const int ToolTimeoutSeconds = 2;

    /// <summary>The timeout of <see cref="LongCall"/>: longer than any test waits, so only the client can end it.</summary>
    public const int LongToolTimeoutSeconds = 120;

    private int _callsSent;
    private FaultProxy? _proxy;
    private ServerProcess? _server;
    private McpClient? _client;

    public FaultProxy Proxy => _proxy ?? throw new InvalidOperationException("not started");

    public ServerProcess Server => _server ?? throw new InvalidOperationException("not started");

    public AuditLog Audit { get; } = new();

    public abstract string ServerName { get; }

    /// <summary>The name of the backend's check in the server's <c>/health</c> report.</summary>
    public abstract string HealthCheck { get; }

    /// <summary>The call each fault is tried with.</summary>
    public abstract ProbeCall Probe { get; }

    /// <summary>Another call to the same backend, allowed <see cref="LongToolTimeoutSeconds"/>.</summary>
    public abstract ProbeCall LongCall { get; }

    /// <summary>The backend's own answer with <paramref name="status"/> (500, 403 or 429).</summary>
    public abstract FailureAnswer Failure(HttpStatusCode status);

    /// <summary>Starts (or finds) the backend; returns its URL as the server would be given it.</summary>
    protected abstract Task<Uri> StartUpstreamAsync(CancellationToken cancellationToken);

    /// <summary>The server's settings with the backend at <paramref name="proxied"/>.</summary>
    protected abstract Task<IReadOnlyDictionary<string, string?>> SettingsAsync(Uri proxied, CancellationToken cancellationToken);

    protected abstract ValueTask StopUpstreamAsync();

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var upstream = await StartUpstreamAsync(ct);
        _proxy = await FaultProxy.StartAsync(upstream, ct);
        var settings = new Dictionary<string, string?>(await SettingsAsync(_proxy.Through(upstream), ct))
        {
            ["Guardrails__ToolTimeoutSeconds"] = ToolTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"Guardrails__ToolTimeouts__{LongCall.Tool}"] = LongToolTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Audit__File"] = Audit.Path,
        };
        _server = await ServerProcess.StartAsync(ServerName, settings, ct);
        _client = await McpClients.ConnectHttpAsync(_server.McpUrl, ct);
    }

    /// <summary>Counts a tools/call sent some other way than <see cref="CallAsync"/>.</summary>
    public void CountCall() => Interlocked.Increment(ref _callsSent);

    /// <summary>How many audit records there are once every call sent so far has its record (each is written as its call ends).</summary>
    public async Task<int> AuditedSoFarAsync(CancellationToken cancellationToken) =>
        (await Audit.RecordsAsync(Volatile.Read(ref _callsSent), cancellationToken)).Count;

    public async Task<TimedAnswer> CallAsync(ProbeCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        CountCall();
        // Bounded so a server that never answers fails the test instead of hanging it.
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(90));
        var clock = Stopwatch.StartNew();
        var result = await _client!.CallToolAsync(call.Tool, call.Arguments, cancellationToken: bound.Token);
        return new TimedAnswer(result.Text(), result.IsError == true, clock.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
            await _client.DisposeAsync();
        if (_server is not null)
            await _server.DisposeAsync();
        if (_proxy is not null)
            await _proxy.DisposeAsync();
        await StopUpstreamAsync();
        Audit.Dispose();
        GC.SuppressFinalize(this);
    }
}
