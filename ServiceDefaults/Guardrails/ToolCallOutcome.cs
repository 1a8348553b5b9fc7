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

    /// <summary>A write tool's confirmation was declined or not answered; nothing changed.</summary>
    Declined,

    /// <summary>The call ended with a question for the person (an input-required result); the client retries with the answer.</summary>
    Asked,
}
