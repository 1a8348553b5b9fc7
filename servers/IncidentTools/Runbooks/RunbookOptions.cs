namespace SreSuite.IncidentTools.Runbooks;

/// <summary>Where the runbooks live: a folder of Markdown files with YAML front matter.</summary>
public sealed class RunbookOptions
{
    public const string Section = "Runbooks";

    /// <summary>The folder, absolute or relative to the working directory; <c>Runbooks__Path</c>.</summary>
    public string Path { get; set; } = "samples/runbooks";

    public string FullPath => System.IO.Path.GetFullPath(Path);
}
