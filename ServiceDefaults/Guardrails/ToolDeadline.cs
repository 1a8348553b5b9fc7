using ModelContextProtocol.Server;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// The time one tool call has left. The timeout filter cancels the call's token at the deadline, but work that
/// never awaits (a regular expression over a log) cannot see a token while it runs; such work asks how much time
/// remains and bounds itself by it.
/// </summary>
public sealed class ToolDeadline
{
    internal const string ItemKey = "SreSuite.ToolDeadline";

    private readonly TimeProvider _time;
    private readonly long _startedAt;

    public ToolDeadline(TimeSpan limit, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _startedAt = _time.GetTimestamp();
        Limit = limit;
    }

    /// <summary>The whole time the call was given.</summary>
    public TimeSpan Limit { get; }

    /// <summary>Time left before the call is answered as timed out; never negative.</summary>
    public TimeSpan Remaining
    {
        get
        {
            var left = Limit - _time.GetElapsedTime(_startedAt);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    public bool IsExpired => Remaining == TimeSpan.Zero;

    /// <summary>
    /// The deadline the timeout filter set for this call; outside the pipeline (a tool called directly) one of
    /// the default tool timeout, so the work is bounded either way.
    /// </summary>
    public static ToolDeadline Of(MessageContext? context) =>
        context?.Items.TryGetValue(ItemKey, out var value) == true && value is ToolDeadline deadline
            ? deadline
            : new ToolDeadline(new ToolPolicyOptions().TimeoutFor(string.Empty));
}
