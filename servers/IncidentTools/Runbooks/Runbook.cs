namespace SreSuite.IncidentTools.Runbooks;

/// <summary>A parsed runbook: its front matter and its Markdown body split into sections.</summary>
/// <param name="Slug">The file name without <c>.md</c>: the last segment of its published URL and resource URI.</param>
/// <param name="RelativePath">Path inside the runbook folder, with '/' separators.</param>
/// <param name="Sections">Each <c>## Heading</c> of the body with the text under it, as written.</param>
/// <param name="Source">
/// The runbook API's URL for a runbook read from the API; null for a file of the runbook folder, which
/// <paramref name="RelativePath"/> and the resource URI name without the server's own path (that is only noise for
/// the reader, and on a shared HTTP server it tells every client how the server's disk is laid out).
/// </param>
public sealed record Runbook(
    string Slug,
    string RelativePath,
    string? Source,
    string Title,
    string Service,
    IReadOnlyList<string> Alerts,
    IReadOnlyList<string> Aliases,
    string? Severity,
    string? Owner,
    IReadOnlyList<string> Tags,
    string Intro,
    IReadOnlyList<string> Sections)
{
    /// <summary>The MCP resource that serves this runbook.</summary>
    public string ResourceUri => RunbookUris.For(Service, Slug);

    /// <summary>The Markdown body without front matter.</summary>
    public string Body => Sections.Count == 0
        ? Intro
        : string.Join("\n\n", new[] { Intro }.Concat(Sections).Where(text => text.Length > 0));
}

/// <summary>The <c>runbook://{service}/{slug}</c> resource URIs.</summary>
public static class RunbookUris
{
    public const string Template = "runbook://{service}/{slug}";

    public static string For(string service, string slug) =>
        $"runbook://{Uri.EscapeDataString(service)}/{Uri.EscapeDataString(slug)}";
}
