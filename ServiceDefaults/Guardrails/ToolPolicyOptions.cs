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

    /// <summary>Seconds a tool call may take before it is cancelled and answered as timed out.</summary>
    public int ToolTimeoutSeconds { get; set; } = 30;

    /// <summary>Per-tool timeouts in seconds, e.g. <c>Guardrails__ToolTimeouts__prom_query_range=60</c>.</summary>
    public Dictionary<string, int> ToolTimeouts { get; set; } = new(StringComparer.Ordinal);

    public TimeSpan TimeoutFor(string tool) =>
        TimeSpan.FromSeconds(Math.Clamp(ToolTimeouts.TryGetValue(tool, out var seconds) ? seconds : ToolTimeoutSeconds, 1, 600));

    public IReadOnlySet<string> EnabledWriteToolNames => Split(EnableWriteTools);

    public IReadOnlySet<string> DeniedToolNames => Split(DenyTools);

    private static HashSet<string> Split(string? names) =>
        new((names ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
}
