using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace SreSuite.Tests;

/// <summary>A server's real binary in <c>--stdio</c> mode, fed hand-made lines (raw bytes included) a well-behaved client would never send.</summary>
public sealed class RawStdio : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _errors = new();

    private RawStdio(Process process) => _process = process;

    /// <summary>What the server wrote to stderr so far.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
                return _errors.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    public static async Task<RawStdio> StartAsync(string serverName, IReadOnlyDictionary<string, string?>? settings, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Repository.ServerAssembly(serverName), "--stdio" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        foreach (var (name, value) in McpClients.IsolatedEnvironment(settings))
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {serverName}");
        var stdio = new RawStdio(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                stdio._lines.Writer.TryComplete();
            else
                stdio._lines.Writer.TryWrite(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stdio._errors)
                stdio._errors.AppendLine(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var initialized = await stdio.SendAsync(
            """{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw-stdio","version":"1"}}}""",
            "\"init\"", cancellationToken);
        if (initialized?["result"] is null)
            throw new InvalidOperationException($"{serverName} did not initialize: {initialized?.ToJsonString()}\n{stdio.Errors}");
        await stdio.SendLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}"""u8.ToArray(), cancellationToken);
        return stdio;
    }

    public Task<JsonObject?> SendAsync(string line, string? idJson, CancellationToken cancellationToken) =>
        SendAsync(Encoding.UTF8.GetBytes(line), idJson, cancellationToken);

    /// <summary>
    /// Writes one line and returns the answer whose id is <paramref name="idJson"/> (or has a null id: a refusal of a
    /// request whose id could not be read); null when nothing answered within the wait.
    /// </summary>
    public async Task<JsonObject?> SendAsync(byte[] line, string? idJson, CancellationToken cancellationToken)
    {
        await SendLineAsync(line, cancellationToken);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            while (true)
            {
                var text = await _lines.Reader.ReadAsync(wait.Token);
                JsonObject? message;
                try
                {
                    message = JsonNode.Parse(text) as JsonObject;
                }
                catch (System.Text.Json.JsonException)
                {
                    throw new InvalidOperationException($"stdout carried a line that is not JSON: {text}");
                }

                var id = message?["id"];
                if (id is null || id.ToJsonString() == idJson)
                    return message;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    public async Task SendLineAsync(byte[] line, CancellationToken cancellationToken)
    {
        var stdin = _process.StandardInput.BaseStream;
        await stdin.WriteAsync(line, cancellationToken);
        await stdin.WriteAsync("\n"u8.ToArray(), cancellationToken);
        await stdin.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
        }

        ProcessRun.KillQuietly(_process);
        _process.Dispose();
    }
}
