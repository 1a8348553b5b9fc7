using System.Collections.Concurrent;
using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace SreSuite.Harness;

/// <summary>
/// The person behind a test client, as far as a write tool's confirmation goes: one who confirms, one who
/// declines, one who never answers, or none (the client declares no elicitation capability). Records every question asked.
/// </summary>
public sealed class ClientUser
{
    private readonly string? _action;

    private ClientUser(string? action) => _action = action;

    /// <summary>Confirms every change (accepts with <c>confirm: true</c>).</summary>
    public static ClientUser Confirming() => new("accept");

    /// <summary>Declines every change.</summary>
    public static ClientUser Declining() => new("decline");

    /// <summary>Shows the question and never answers it (the person walked away).</summary>
    public static ClientUser Silent() => new("silent");

    /// <summary>A client without the elicitation capability.</summary>
    public static ClientUser Absent() => new(null);

    public ConcurrentQueue<ElicitRequestParams> Questions { get; } = new();

    internal Func<ElicitRequestParams?, CancellationToken, ValueTask<ElicitResult>>? Handler => _action is null ? null : AnswerAsync;

    private async ValueTask<ElicitResult> AnswerAsync(ElicitRequestParams? question, CancellationToken cancellationToken)
    {
        if (question is not null)
            Questions.Enqueue(question);
        if (_action == "silent")
            await Task.Delay(Timeout.Infinite, cancellationToken);
        return _action == "accept"
            ? new ElicitResult { Action = "accept", Content = new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(true) } }
            : new ElicitResult { Action = _action! };
    }
}
