namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>How a <c>tools/call</c> ended, as the audit trail records it.</summary>
public enum ToolCallOutcome
{
    Ok,
    Invalid,
    Denied,
    Error,
    Timeout,
    Cancelled,
}
