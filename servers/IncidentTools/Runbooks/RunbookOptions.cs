namespace SreSuite.IncidentTools.Runbooks;

/// <summary>Where the runbooks live: a folder of Markdown files with YAML front matter.</summary>
public sealed class RunbookOptions
{
    public const string Section = "Runbooks";

    /// <summary>The folder, absolute or relative to the working directory; <c>Runbooks__Path</c>.</summary>
    public string Path { get; set; } = "samples/runbooks";

    /// <summary>
    /// Where the runbooks are published, e.g. <c>https://runbooks.example.com</c>; <c>Runbooks__BaseUrl</c>.
    /// An alert's <c>runbook_url</c> of <c>&lt;BaseUrl&gt;/&lt;slug&gt;</c> resolves to the file <c>&lt;slug&gt;.md</c>.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>Files larger than this are skipped with a warning; <c>Runbooks__MaxFileKilobytes</c>.</summary>
    public int MaxFileKilobytes { get; set; } = 256;

    public string FullPath => System.IO.Path.GetFullPath(Path);
}
