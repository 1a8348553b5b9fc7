using System.Diagnostics;
using ModelContextProtocol.Server;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// What the pipeline learns about one <c>tools/call</c> while it runs. Created by the audit at the message
/// level and shared with the request filters through the message's <c>Items</c>.
/// </summary>
/// <remarks>
/// A call can outlive its request: the SDK suspends a handler that asks a 2026-07-28 client a question over a stateful
/// transport (stdio), answers the request with an input-required result, and resumes the same handler when the client
/// retries. The handler's filters still report to the asking request's state, so that state hands everything it
/// learns afterwards to the retry's (<see cref="ContinueIn"/>), or, when no retry comes, to a record of its own.
/// </remarks>
public sealed class ToolCallState
{
    internal const string ItemKey = "SreSuite.ToolCall";

    private readonly Lock _gate = new();
    private ToolCallOutcome? _outcome;
    private int _answerBytes;
    private ToolCallState? _continuation;
    private Action<ToolCallState>? _unanswered;
    private Action<ToolCallState>? _recordWhenSet;

    public long StartedAt { get; } = Stopwatch.GetTimestamp();

    public ToolCallOutcome? Outcome => _outcome;

    /// <summary>UTF-8 bytes of the answer's text.</summary>
    public int AnswerBytes
    {
        get => _answerBytes;
        set
        {
            if (Forward() is { } next)
                next.AnswerBytes = value;
            else
                _answerBytes = value;
        }
    }

    /// <summary>A short reason for a refusal or failure, for the audit record.</summary>
    public string? Detail { get; private set; }

    /// <summary>The request ended with a question while its handler waits for the answer (<see cref="Suspend"/>).</summary>
    public bool Suspended { get; private set; }

    /// <summary>Records the outcome; the first verdict wins, so an inner filter's reason is kept.</summary>
    public void Set(ToolCallOutcome outcome, string? detail = null)
    {
        if (Forward() is { } next)
        {
            next.Set(outcome, detail);
            return;
        }

        Action<ToolCallState>? record;
        lock (_gate)
        {
            if (_outcome is not null)
                return;
            _outcome = outcome;
            Detail ??= detail;
            record = _recordWhenSet;
            _recordWhenSet = null;
        }

        record?.Invoke(this);
    }

    /// <summary>The request state of the input-required result that suspended this call; the client's retry carries it.</summary>
    internal string? QuestionState { get; private set; }

    /// <summary>The request was answered with a question; its handler is suspended until the client retries.</summary>
    internal bool Suspend(string requestState, string detail)
    {
        lock (_gate)
        {
            if (_outcome is not null)
                return false;
            _outcome = ToolCallOutcome.Asked;
            Detail = detail;
            Suspended = true;
            QuestionState = requestState;
            return true;
        }
    }

    /// <summary>The retry carrying the answer: what the resumed handler reports from now on is the retry's.</summary>
    internal void ContinueIn(ToolCallState retry)
    {
        lock (_gate)
        {
            _continuation ??= retry;
            _unanswered = null;
        }
    }

    /// <summary>
    /// When the suspended handler ends without a retry (the question went unanswered until its deadline), its outcome
    /// goes to a fresh state that <paramref name="record"/> writes.
    /// </summary>
    internal void WhenUnanswered(Action<ToolCallState> record)
    {
        lock (_gate)
        {
            if (_continuation is null)
                _unanswered = record;
        }
    }

    /// <summary>Where a suspended call's later reports go: the retry's state, or a new one for the unanswered record.</summary>
    private ToolCallState? Forward()
    {
        ToolCallState next;
        lock (_gate)
        {
            if (!Suspended || _continuation is not null)
                return _continuation;
            if (_unanswered is null)
                return null;
            // The handler's first late verdict is its outcome: the record is written as soon as it is known.
            next = _continuation = new ToolCallState { _recordWhenSet = _unanswered };
            _unanswered = null;
        }

        return next;
    }

    public static ToolCallState? Of(MessageContext context) =>
        context?.Items.TryGetValue(ItemKey, out var value) == true ? value as ToolCallState : null;
}
