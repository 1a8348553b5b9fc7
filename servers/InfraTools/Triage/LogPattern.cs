using System.Globalization;
using System.Text.RegularExpressions;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Triage;

/// <summary>
/// A caller's grep or exclude pattern, matched so that it cannot outlive the tool call: linear-time matching
/// where the pattern allows; otherwise backtracking bounded per line by <see cref="LineTimeout"/>; and every
/// match, of either engine, bounded by the time the call has left, so the whole filter ends by the deadline.
/// </summary>
public sealed class LogPattern
{
    /// <summary>How long a backtracking pattern may try one line before it is judged catastrophic.</summary>
    public static readonly TimeSpan LineTimeout = TimeSpan.FromMilliseconds(250);

    // A new Regex carries a new timeout; rebuilt only when the time left has shrunk by this much, not per line.
    private static readonly TimeSpan RebuildStep = TimeSpan.FromMilliseconds(20);

    private readonly RegexOptions _options;
    private readonly TimeSpan _lineTimeout;
    private Regex? _regex;

    private LogPattern(string argument, string pattern, RegexOptions options, TimeSpan lineTimeout)
    {
        Argument = argument;
        Text = pattern;
        _options = options;
        _lineTimeout = lineTimeout;
    }

    /// <summary>The argument the pattern came from, for error messages.</summary>
    public string Argument { get; }

    public string Text { get; }

    /// <summary>Whether the linear-time engine runs it; backreferences, lookarounds and atomic groups need backtracking.</summary>
    public bool IsLinear => (_options & RegexOptions.NonBacktracking) != 0;

    /// <summary>Parses a caller's pattern, refusing one that is not a valid .NET regular expression; null when empty.</summary>
    public static LogPattern? Parse(string argument, string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
            return null;
        const RegexOptions linear = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;
        try
        {
            _ = new Regex(pattern, linear);
            // Linear in the line's length: no per-line bound, which on a busy machine would refuse a harmless pattern.
            return new LogPattern(argument, pattern, linear, Timeout.InfiniteTimeSpan);
        }
        catch (NotSupportedException)
        {
        }
        catch (ArgumentException ex)
        {
            throw new ToolInputException(argument, $"'{pattern}' is not a valid .NET regular expression ({ex.Message}).");
        }

        _ = new Regex(pattern, RegexOptions.CultureInvariant);
        return new LogPattern(argument, pattern, RegexOptions.CultureInvariant, LineTimeout);
    }

    /// <summary>
    /// Whether <paramref name="line"/> matches, in no longer than the call has left (and the per-line bound).
    /// </summary>
    /// <exception cref="ToolTimeoutException">the line took too long, or the call's time ran out.</exception>
    public bool IsMatch(string line, ToolDeadline deadline, int lineNumber, int lineCount)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        var remaining = deadline.Remaining;
        if (remaining == TimeSpan.Zero)
            throw DeadlineReached(deadline, lineNumber, lineCount);
        var bound = _lineTimeout == Timeout.InfiniteTimeSpan || remaining < _lineTimeout ? remaining : _lineTimeout;
        if (_regex is null || bound < _regex.MatchTimeout - RebuildStep)
            _regex = new Regex(Text, _options, bound);
        try
        {
            return _regex.IsMatch(line);
        }
        catch (RegexMatchTimeoutException)
        {
            if (_regex.MatchTimeout >= _lineTimeout)
            {
                throw new ToolTimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"{Argument}: the pattern took longer than {_lineTimeout.TotalMilliseconds:0} ms on one line (catastrophic backtracking); simplify it, e.g. avoid nested quantifiers such as (a+)+ and lookarounds."));
            }

            throw DeadlineReached(deadline, lineNumber, lineCount);
        }
    }

    /// <summary>Stops the pass when the call has no time left, before the next line.</summary>
    /// <exception cref="ToolTimeoutException">the call's time ran out.</exception>
    public void ThrowIfExpired(ToolDeadline deadline, int lineNumber, int lineCount)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        if (deadline.IsExpired)
            throw DeadlineReached(deadline, lineNumber, lineCount);
    }

    private ToolTimeoutException DeadlineReached(ToolDeadline deadline, int lineNumber, int lineCount) =>
        new(lineNumber == 0
            ? string.Create(CultureInfo.InvariantCulture,
                $"{Argument}: the call's {deadline.Limit.TotalSeconds:0.#} s deadline passed before filtering began (reading the log took that long); retry, or read fewer lines with since or tail_lines.")
            : string.Create(CultureInfo.InvariantCulture,
                $"{Argument}: filtering stopped at the call's {deadline.Limit.TotalSeconds:0.#} s deadline after {lineNumber} of {lineCount} lines; the pattern is too slow for this log. Simplify it (avoid nested quantifiers such as (a+)+, lookarounds and backreferences) or read fewer lines with since or tail_lines."));
}
