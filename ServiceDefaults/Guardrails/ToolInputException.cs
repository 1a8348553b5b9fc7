namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// An argument passed the schema but the domain refuses it (a PromQL parse error, an unknown kind, a
/// window too long). The guardrail pipeline answers with <c>isError</c>, naming the argument and how to fix it.
/// </summary>
public sealed class ToolInputException : Exception
{
    public ToolInputException(string argument, string problem)
        : base($"{argument}: {problem}")
    {
        Argument = argument;
    }

    public string Argument { get; }
}
