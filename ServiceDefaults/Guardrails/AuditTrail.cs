using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// Writes one JSON line per <c>tools/call</c> and <c>resources/read</c> to the configured sinks (stderr, a file) and an OpenTelemetry log
/// record correlated with the call's trace. Writes are serialized and flushed: an audit record is never lost to a buffer.
/// </summary>
public sealed partial class AuditTrail : IDisposable
{
    private static readonly JsonSerializerOptions LineOptions = new(AuditJsonContext.Default.Options)
    {
        // Readable non-ASCII in argument values; the JSON stays valid.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly Lock _gate = new();
    private readonly bool _stderr;
    private readonly StreamWriter? _file;
    private readonly ILogger<AuditTrail> _logger;

    public AuditTrail(IOptions<AuditOptions> options, ILogger<AuditTrail> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        _stderr = options.Value.Stderr;
        if (!string.IsNullOrWhiteSpace(options.Value.File))
        {
            var path = Path.GetFullPath(options.Value.File);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            _file = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), new UTF8Encoding(false)) { AutoFlush = true };
        }
    }

    public void Write(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var line = JsonSerializer.Serialize(record, LineOptions.GetTypeInfo(typeof(AuditRecord)));
        lock (_gate)
        {
            if (_stderr)
                Console.Error.WriteLine(line);
            _file?.WriteLine(line);
        }

        LogToolCall(_logger, record.Event, record.Server, record.Tool ?? record.Resource ?? "?", record.Outcome, record.Caller.Subject, record.DurationMs, record.AnswerBytes, line);
    }

    public void Dispose() => _file?.Dispose();

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, EventName = "ToolCallAudit",
        Message = "{Event} {Server}/{Tool} by {Caller}: {Outcome} in {DurationMs} ms, {AnswerBytes} bytes {AuditRecord}")]
    private static partial void LogToolCall(ILogger logger, string @event, string server, string tool, string outcome, string caller, double durationMs, int answerBytes, string auditRecord);
}
