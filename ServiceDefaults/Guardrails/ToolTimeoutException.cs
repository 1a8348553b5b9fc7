namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// The tool's own work (not a backend) ran out of the call's time, or out of the bound it sets on one step.
/// The pipeline answers with <c>isError</c> carrying the message, which says what was too slow and how to narrow
/// the call, and audits the call as <c>timeout</c>.
/// </summary>
public sealed class ToolTimeoutException : Exception
{
    public ToolTimeoutException(string message)
        : base(message)
    {
    }
}
