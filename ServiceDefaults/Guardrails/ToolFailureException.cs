namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// The call was valid but could not be answered (backend not configured, refused, unreachable, object not
/// found). The message is shown to the caller as an <c>isError</c> answer, so it says what happened and what
/// to do; it must never carry a secret.
/// </summary>
public sealed class ToolFailureException : Exception
{
    public ToolFailureException(string message)
        : base(message)
    {
    }

    public ToolFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
