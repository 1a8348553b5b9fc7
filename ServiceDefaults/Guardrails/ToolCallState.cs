using System.Diagnostics;
using ModelContextProtocol.Server;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// What the pipeline learns about one <c>tools/call</c> while it runs. Created by the audit at the message
/// level and shared with the request filters through the message's <c>Items</c>.
/// </summary>
public sealed class ToolCallState
{
    internal const string ItemKey = "SreSuite.ToolCall";

    private ToolCallOutcome? _outcome;

    public long StartedAt { get; } = Stopwatch.GetTimestamp();

    public ToolCallOutcome? Outcome => _outcome;

    /// <summary>UTF-8 bytes of the answer's text.</summary>
    public int AnswerBytes { get; set; }

    /// <summary>A short reason for a refusal or failure, for the audit record.</summary>
    public string? Detail { get; set; }

    /// <summary>Records the outcome; the first verdict wins, so an inner filter's reason is kept.</summary>
    public void Set(ToolCallOutcome outcome, string? detail = null)
    {
        if (_outcome is not null)
            return;
        _outcome = outcome;
        Detail ??= detail;
    }

    public static ToolCallState? Of(MessageContext context) =>
        context?.Items.TryGetValue(ItemKey, out var value) == true ? value as ToolCallState : null;
}
