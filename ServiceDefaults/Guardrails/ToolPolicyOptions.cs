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

    /// <summary>Forces read-only even when write tools are enabled; <c>--read-only</c> sets it.</summary>
    public bool ReadOnly { get; set; }

    public IReadOnlySet<string> EnabledWriteToolNames => Split(EnableWriteTools);

    public IReadOnlySet<string> DeniedToolNames => Split(DenyTools);

    private static HashSet<string> Split(string? names) =>
        new((names ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
}
