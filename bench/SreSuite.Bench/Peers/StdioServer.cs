using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SreSuite.Harness;

namespace SreSuite.Bench.Peers;

/// <summary>How to start one MCP server over stdio: ours or a peer, measured the same way.</summary>
internal sealed record StdioLaunch(string Command, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string?> Environment);

/// <summary>
/// A server process spoken to over its stdin/stdout with the SDK's client, started by the benchmark itself so that
/// its process id (and so its memory) is known. The clock runs from starting the process until the client holds the
/// server's <c>initialize</c> answer, as <see cref="StdioClientTransport"/> would see it.
/// </summary>
internal sealed class StdioServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stderr = new();

    private StdioServer(Process process) => _process = process;

    public McpClient Client { get; private set; } = null!;

    public double StartMilliseconds { get; private set; }

    /// <summary>
    /// CPU time (user + system, all threads) the server process itself had used when its <c>initialize</c> answer
    /// arrived, in ms: unlike the wall time, it barely moves when other work loads the machine.
    /// </summary>
    public double StartCpuMilliseconds { get; private set; }

    /// <summary>Resident memory of the server process itself (children such as kubectl are not counted), in MiB.</summary>
    public double ResidentMiB
    {
        get
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
    }

    public static async Task<StdioServer> StartAsync(StdioLaunch launch, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(launch.Command)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        foreach (var argument in launch.Arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in launch.Environment)
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {launch.Command}");
        var server = new StdioServer(process);
        process.ErrorDataReceived += (sender, e) =>
        {
            if (e.Data is null)
                return;
            server._stderr.Enqueue(e.Data);
            while (server._stderr.Count > 20)
                server._stderr.TryDequeue(out _);
        };
        process.BeginErrorReadLine();
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(60));
            var transport = new StreamClientTransport(process.StandardInput.BaseStream, process.StandardOutput.BaseStream);
            server.Client = await McpClient.CreateAsync(transport, new McpClientOptions { ClientInfo = new Implementation { Name = "sresuite-bench", Version = "1.0" } }, cancellationToken: deadline.Token);
            server.StartMilliseconds = clock.Elapsed.TotalMilliseconds;
            server.StartCpuMilliseconds = CpuMilliseconds(process.Id);
            return server;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var stderr = string.Join(" | ", server._stderr.TakeLast(3));
            await server.DisposeAsync();
            throw new InvalidOperationException($"{Path.GetFileName(launch.Command)} did not answer initialize ({ex.Message}){(stderr.Length > 0 ? "; stderr: " + stderr : "")}", ex);
        }
    }

    /// <summary>utime + stime from <c>/proc/&lt;pid&gt;/stat</c> (fields 14 and 15, in clock ticks of 10 ms).</summary>
    private static double CpuMilliseconds(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
    }

    public async ValueTask DisposeAsync()
    {
        if (Client is not null)
        {
            try
            {
                await Client.DisposeAsync();
            }
            catch (IOException)
            {
                // The server may already be gone; it is killed below either way.
            }
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
