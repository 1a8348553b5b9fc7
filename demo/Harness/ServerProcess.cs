using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SreSuite.Harness;

/// <summary>
/// A server's real binary running in HTTP mode on 127.0.0.1 with a port the OS picks,
/// configured only through environment variables, as an operator would.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>The server's process id, e.g. to read its memory use.</summary>
    public int ProcessId => _process.Id;

    public Uri McpUrl => new(BaseUrl, "/mcp");

    /// <summary>Everything the server wrote to stdout and stderr so far.</summary>
    public IEnumerable<string> Output => _output;

    public static async Task<ServerProcess> StartAsync(
        string serverName, IReadOnlyDictionary<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Repository.ServerAssembly(serverName), "--urls", "http://127.0.0.1:0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        ApplyEnvironment(start, environment);

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {serverName}");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(
            new InvalidOperationException($"{serverName} exited with {SafeExitCode(process)}:\n{string.Join('\n', output)}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await using var registration = timeout.Token.Register(() => listening.TrySetCanceled());
        Uri url;
        try
        {
            url = await listening.Task;
        }
        catch
        {
            KillQuietly(process);
            throw;
        }

        var server = new ServerProcess(process, url);
        foreach (var line in output)
            server._output.Enqueue(line);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) server._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) server._output.Enqueue(e.Data); };
        return server;

        void Collect(string? line)
        {
            if (line is null)
                return;
            output.Enqueue(line);
            var match = ListeningLine().Match(line);
            if (match.Success)
                listening.TrySetResult(new Uri(match.Groups["url"].Value));
        }
    }

    /// <summary>Runs a server to completion (for start-up failures) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(
        string serverName, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, WorkingDirectory = Repository.Root };
        start.ArgumentList.Add(Repository.ServerAssembly(serverName));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        ApplyEnvironment(start, environment);
        var (exitCode, output, errors) = await ProcessRun.ToExitAsync(start, cancellationToken);
        return (exitCode, output + errors);
    }

    public async ValueTask DisposeAsync()
    {
        KillQuietly(_process);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static void ApplyEnvironment(ProcessStartInfo start, IReadOnlyDictionary<string, string?>? environment)
    {
        // Tests never inherit a developer's cluster or tokens.
        foreach (var name in new[] { "KUBECONFIG", "PROMETHEUS_URL", "ALERTMANAGER_URL", "GITHUB_TOKEN", "PAGERDUTY_TOKEN", "ASPNETCORE_URLS", "OTEL_EXPORTER_OTLP_ENDPOINT" })
            start.Environment.Remove(name);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Runbooks__Path"] = Path.Combine(Repository.Samples, "runbooks");
        start.Environment["Catalog__Path"] = Path.Combine(Repository.Samples, "catalog.yaml");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }
    }

    private static void KillQuietly(Process process) => ProcessRun.KillQuietly(process);

    private static string SafeExitCode(Process process) => process.HasExited ? process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?";

    [GeneratedRegex(@"Now listening on: (?<url>http://\S+)")]
    private static partial Regex ListeningLine();
}
