using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// Which tools a server lists and runs. Read-only unless the operator enables write tools one by one;
/// in HTTP mode these settings are the upper bound that no request can relax.
/// </summary>
public sealed class ToolPolicyOptions
{
    public const string Section = "Guardrails";

    /// <summary>Comma-separated names of write tools to enable, e.g. <c>k8s_scale,k8s_rollout_restart</c>.</summary>
    public string? EnableWriteTools { get; set; }

    /// <summary>Comma-separated names of tools to hide and refuse, read or write.</summary>
    public string? DenyTools { get; set; }

    /// <summary>
    /// Whether a person must confirm each change of an enabled write tool (<c>required</c>, the default) or a client
    /// that cannot ask may run it unconfirmed (<c>off</c>). A client that can ask always asks.
    /// </summary>
    public ConfirmWritesMode ConfirmWrites { get; set; } = ConfirmWritesMode.Required;

    /// <summary>Forces read-only even when write tools are enabled; <c>--read-only</c> sets it.</summary>
    public bool ReadOnly { get; set; }

    /// <summary>The longest timeout a tool call may be given, in seconds.</summary>
    public const int MaxTimeoutSeconds = 600;

    /// <summary>Seconds a tool call may take before it is cancelled and answered as timed out (1 to <see cref="MaxTimeoutSeconds"/>).</summary>
    public int ToolTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Per-tool timeouts in seconds, e.g. <c>Guardrails__ToolTimeouts__prom_query_range=60</c>, as written: kept as text
    /// so that a value that is not a number is refused at start naming its setting (<see cref="ToolTimeoutCheck"/>).
    /// </summary>
    public Dictionary<string, string> ToolTimeouts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The tool's timeout; start-up refused any setting out of range, so the clamp only guards code-built options.</summary>
    public TimeSpan TimeoutFor(string tool) => TimeSpan.FromSeconds(
        ToolTimeouts.TryGetValue(tool, out var text) && ToolTimeoutCheck.TryParse(text, out var seconds) ? seconds : Math.Clamp(ToolTimeoutSeconds, 1, MaxTimeoutSeconds));

    public IReadOnlySet<string> EnabledWriteToolNames => new HashSet<string>(SettingLists.Names(EnableWriteTools), StringComparer.Ordinal);

    public IReadOnlySet<string> DeniedToolNames => new HashSet<string>(SettingLists.Names(DenyTools), StringComparer.Ordinal);
}
