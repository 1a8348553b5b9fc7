using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SreSuite.Tests;

/// <summary>A real backend binary (Prometheus, Alertmanager) run for the tests on a loopback port.</summary>
public sealed class BackgroundProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private BackgroundProcess(Process process, ConcurrentQueue<string> output)
    {
        _process = process;
        _output = output;
    }

    public string Output => string.Join('\n', _output);

    /// <summary>Starts <paramref name="command"/> and waits until <paramref name="readyUrl"/> answers 2xx.</summary>
    public static async Task<BackgroundProcess> StartAsync(string command, IEnumerable<string> args, Uri readyUrl, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        var output = new ConcurrentQueue<string>();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command}");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var background = new BackgroundProcess(process, output);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                break;
            try
            {
                using var response = await http.GetAsync(readyUrl, cancellationToken);
                if (response.IsSuccessStatusCode)
                    return background;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(200, cancellationToken);
        }

        await background.DisposeAsync();
        throw new InvalidOperationException($"{command} did not become ready at {readyUrl}:\n{background.Output}");
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The path of a program on PATH, or a clear failure naming the package that provides it.</summary>
    public static string Require(string debianPackage, params string[] names)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return names
            .SelectMany(name => path.Split(Path.PathSeparator).Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{string.Join(" or ", names)} is not installed: apt-get install {debianPackage} (.ci/run does)");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
