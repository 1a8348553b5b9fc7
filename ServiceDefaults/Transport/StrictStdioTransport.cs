using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ServiceDefaults.Transport;

/// <summary>
/// MCP over stdin/stdout with the strict reader in front of the SDK: each line is checked by
/// <see cref="StrictJsonRpcReader"/> before it is parsed, a refused line is answered with a JSON-RPC error naming the
/// problem and audited (the SDK's own stdio transport drops an unparseable line without a word), and a line longer
/// than <c>Mcp__MaxRequestBytes</c> is refused without being kept in memory.
/// </summary>
public sealed partial class StrictStdioTransport : TransportBase
{
    private static readonly AuditCaller LocalCaller = new() { Subject = CallerIdentity.Local, Transport = "stdio" };

    private readonly Stream _input;
    private readonly Stream _output;
    private readonly long _maxLineBytes;
    private readonly RequestAudit _audit;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Task _readLoop;
    private int _disposed;

    public StrictStdioTransport(Stream input, Stream output, long maxLineBytes, RequestAudit audit, ILoggerFactory loggerFactory)
        : base("Server (stdio, strict)", loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _input = input;
        _output = output;
        _maxLineBytes = Math.Max(1, maxLineBytes);
        _audit = audit;
        _logger = loggerFactory.CreateLogger<StrictStdioTransport>();
        SetConnected();
        _readLoop = Task.Run(ReadLoopAsync);
    }

    public override async Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default)
    {
        if (!IsConnected)
            return;
        var json = JsonSerializer.SerializeToUtf8Bytes(message, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage)));
        await WriteLineAsync(json, cancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await _shutdown.CancelAsync();
        // A read blocked in the kernel does not see the cancellation; closing the stream ends it.
        await _input.DisposeAsync();
        await _output.DisposeAsync();
        try
        {
            await _readLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }

        SetDisconnected(null);
        _shutdown.Dispose();
        _sendLock.Dispose();
    }

    private async Task WriteLineAsync(byte[] json, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _output.WriteAsync(json, cancellationToken);
            await _output.WriteAsync("\n"u8.ToArray(), cancellationToken);
            await _output.FlushAsync(cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        var token = _shutdown.Token;
        Exception? error = null;
        var reader = PipeReader.Create(_input);
        EnvelopeScanner? oversized = null;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var result = await reader.ReadAsync(token);
                var buffer = result.Buffer;
                while (buffer.PositionOf((byte)'\n') is { } end)
                {
                    var line = buffer.Slice(0, end);
                    buffer = buffer.Slice(buffer.GetPosition(1, end));
                    if (oversized is null && line.Length > _maxLineBytes)
                        oversized = new EnvelopeScanner();
                    if (oversized is not null)
                    {
                        Feed(oversized, line);
                        await RefuseAsync(Oversized(oversized), token);
                        oversized = null;
                    }
                    else
                    {
                        await ProcessLineAsync(line, token);
                    }
                }

                if (oversized is not null || buffer.Length > _maxLineBytes)
                {
                    // No newline within the limit: scan the rest of this line as it streams past instead of keeping it.
                    oversized ??= new EnvelopeScanner();
                    Feed(oversized, buffer);
                    buffer = buffer.Slice(buffer.End);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                    break;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            error = ex;
        }
        finally
        {
            await reader.CompleteAsync();
            SetDisconnected(error);
        }
    }

    private static void Feed(EnvelopeScanner scanner, ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes)
            scanner.Feed(segment.Span);
    }

    private InspectedRequest Oversized(EnvelopeScanner scanner) =>
        scanner.Result(new(RequestProblem.InvalidRequest, $"Request too large: a line of {scanner.Bytes} bytes, limit {_maxLineBytes} (Mcp__MaxRequestBytes)."));

    private async Task ProcessLineAsync(ReadOnlySequence<byte> line, CancellationToken cancellationToken)
    {
        // One copy only when the line spans buffer segments.
        ReadOnlyMemory<byte> body = line.IsSingleSegment ? line.First : line.ToArray();
        if (body.Span.Trim(" \t\r"u8).IsEmpty)
            return;
        var inspected = StrictJsonRpcReader.Inspect(body);
        if (inspected.Problem is not null)
        {
            await RefuseAsync(inspected, cancellationToken);
            return;
        }

        JsonRpcMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(body.Span, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage))) as JsonRpcMessage;
        }
        catch (JsonException ex)
        {
            var problem = MalformedRequestFilter.ProblemOf(ex).TrimEnd('.');
            inspected.Problem = new(RequestProblem.InvalidRequest, $"Invalid Request: not a JSON-RPC message ({problem}).");
            await RefuseAsync(inspected, cancellationToken);
            return;
        }

        if (message is null)
        {
            inspected.Problem = new(RequestProblem.InvalidRequest, "Invalid Request: not a JSON-RPC message.");
            await RefuseAsync(inspected, cancellationToken);
            return;
        }

        await WriteMessageAsync(message, cancellationToken);
    }

    private async Task RefuseAsync(InspectedRequest inspected, CancellationToken cancellationToken)
    {
        var problem = inspected.Problem!;
        LogRefused(_logger, problem.Message);
        _audit.Refused(inspected, LocalCaller, ToolCallOutcome.Invalid, problem.Message);
        using var stream = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(stream))
            problem.WriteResponse(writer, inspected.ReplyIdJson);

        await WriteLineAsync(stream.ToArray(), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a stdio request: {Problem}")]
    private static partial void LogRefused(ILogger logger, string problem);
}
