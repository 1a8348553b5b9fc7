namespace SreSuite.Scenarios;

/// <summary>
/// A scenario file that does not follow docs/scenarios.md. The message is one line naming the file and the field,
/// so a start-up failure says exactly what to fix.
/// </summary>
public sealed class ScenarioFormatException : Exception
{
    public ScenarioFormatException()
    {
    }

    public ScenarioFormatException(string message)
        : base(message)
    {
    }

    public ScenarioFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ScenarioFormatException(string file, string field, string problem)
        : base($"scenario file {file}: {field}: {problem}")
    {
        File = file;
        Field = field;
    }

    /// <summary>The file, relative to the scenario folder.</summary>
    public string? File { get; }

    /// <summary>The field's path inside the file, e.g. <c>groups[2].filter[0]</c>.</summary>
    public string? Field { get; }
}
