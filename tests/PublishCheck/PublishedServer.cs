using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace SreSuite.PublishCheck;

/// <summary>A server binary as published under <c>artifacts/publish/&lt;Server&gt;/</c>, started the way a client or an operator starts it.</summary>
internal sealed partial record PublishedServer(string Name, string Binary)
{
    public static PublishedServer In(string folder, string name) => new(name, Path.Combine(folder, name, name));

    /// <summary>Over stdio through the SDK's <see cref="StdioClientTransport"/>, as Claude Desktop or VS Code would.</summary>
    public Task<McpClient> ConnectStdioAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = Name,
            Command = Binary,
            Arguments = ["--stdio"],
            WorkingDirectory = Repository.Root,
            EnvironmentVariables = Environment(settings),
            ShutdownTimeout = TimeSpan.FromSeconds(5),
        });
        return McpClient.CreateAsync(transport, ClientOptions, cancellationToken: cancellationToken);
    }

    /// <summary>In HTTP mode on a loopback port the OS picks; returns once Kestrel says where it listens.</summary>
    public async Task<RunningServer> StartHttpAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Binary)
        {
            ArgumentList = { "--urls", "http://127.0.0.1:0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        foreach (var (name, value) in Environment(settings))
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }

        var output = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Binary}");
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"{Name} exited at start:\n{string.Join('\n', output)}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RunningServer(process, output);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await using var registration = timeout.Token.Register(() => listening.TrySetCanceled());
        try
        {
            server.BaseUrl = await listening.Task;
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        void Collect(string? line)
        {
            if (line is null)
                return;
            output.Enqueue(line);
            if (ListeningLine().Match(line) is { Success: true } match)
                listening.TrySetResult(new Uri(match.Groups["url"].Value));
        }
    }

    public static Task<McpClient> ConnectHttpAsync(Uri baseUrl, CancellationToken cancellationToken) =>
        McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(baseUrl, "/mcp"), TransportMode = HttpTransportMode.StreamableHttp }),
            ClientOptions,
            cancellationToken: cancellationToken);

    private static McpClientOptions ClientOptions => new() { ClientInfo = new Implementation { Name = "sresuite-publish-check", Version = "1.0" } };

    /// <summary>The operator's settings and nothing of this machine's: no developer cluster, tokens or collector.</summary>
    private static Dictionary<string, string?> Environment(IReadOnlyDictionary<string, string?> settings) =>
        McpClients.IsolatedEnvironment([new("ASPNETCORE_URLS", null), new("DOTNET_ENVIRONMENT", "Production"), .. settings]);

    [GeneratedRegex(@"Now listening on: (?<url>http://\S+)")]
    private static partial Regex ListeningLine();
}

/// <summary>A server process in HTTP mode; disposing it stops it.</summary>
internal sealed class RunningServer(Process process, ConcurrentQueue<string> output) : IAsyncDisposable
{
    public Uri BaseUrl { get; set; } = null!;

    public string Output => string.Join('\n', output);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }
}
