using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SreSuite.IncidentTools.Runbooks;

/// <summary>
/// Reads one runbook: YAML front matter (<c>title, service, alerts, aliases, severity, owner, tags</c>) with
/// YamlDotNet's node model (no reflection), the body with Markdig. A problem in the front matter never
/// loses the runbook: it is still indexed by its file name and headings, and the problem becomes a warning.
/// </summary>
public static class RunbookParser
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    /// <summary>Parses <paramref name="markdown"/>; <paramref name="warnings"/> receives what was wrong with it.</summary>
    /// <param name="relativePath">Path inside the runbook folder, '/'-separated.</param>
    /// <param name="source">The runbook API's URL, shown to the caller; null for a file of the runbook folder.</param>
    public static Runbook Parse(string relativePath, string? source, string markdown, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(warnings);
        markdown = markdown.Replace("\r\n", "\n", StringComparison.Ordinal);
        var document = Markdown.Parse(markdown, Pipeline);

        var frontMatter = document.Descendants<YamlFrontMatterBlock>().FirstOrDefault();
        var fields = frontMatter is null ? null : ReadFrontMatter(frontMatter, warnings);
        if (frontMatter is null && markdown.StartsWith("---", StringComparison.Ordinal))
            warnings.Add("front matter is not closed by a '---' line; indexed by file name and headings only");

        var bodyStart = frontMatter is null ? 0 : Math.Min(markdown.Length, frontMatter.Span.End + 1);
        var headings = document.Descendants<HeadingBlock>().Where(h => h.Span.Start >= bodyStart).ToList();
        var h1 = headings.FirstOrDefault(h => h.Level == 1);
        var sectionStarts = headings.Where(h => h.Level == 2).ToList();

        var introEnd = sectionStarts.Count > 0 ? sectionStarts[0].Span.Start : markdown.Length;
        var introStart = h1 is not null && h1.Span.Start < introEnd ? Math.Min(markdown.Length, h1.Span.End + 1) : bodyStart;
        var intro = markdown[Math.Min(introStart, introEnd)..introEnd].Trim();
        var sections = new List<string>(sectionStarts.Count);
        for (var i = 0; i < sectionStarts.Count; i++)
        {
            var start = sectionStarts[i].Span.Start;
            var end = i + 1 < sectionStarts.Count ? sectionStarts[i + 1].Span.Start : markdown.Length;
            sections.Add(markdown[start..end].Trim());
        }

        var slug = Path.GetFileNameWithoutExtension(relativePath);
        var folder = Path.GetDirectoryName(relativePath)?.Replace('\\', '/');
        var title = fields?.Title ?? (h1 is null ? null : InlineText(h1)) ?? slug;
        var service = fields?.Service
            ?? (string.IsNullOrEmpty(folder) ? "general" : folder.Split('/')[0]);
        return new Runbook(
            slug, relativePath, source, title, service,
            fields?.Alerts ?? [], fields?.Aliases ?? [], fields?.Severity, fields?.Owner, fields?.Tags ?? [],
            intro, sections);
    }

    private static FrontMatter? ReadFrontMatter(YamlFrontMatterBlock block, ICollection<string> warnings)
    {
        var yaml = string.Join('\n', block.Lines.Lines.Take(block.Lines.Count).Select(line => line.ToString()));
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            // The block starts after the opening '---', which is line 1 of the file.
            warnings.Add($"front matter is not valid YAML (line {ex.Start.Line + 1}: {FirstLine(ex.Message)}); indexed by file name and headings only");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, not a YamlException, for some unterminated constructs.
            warnings.Add("front matter is not valid YAML (an unterminated list, mapping or quote); indexed by file name and headings only");
            return null;
        }

        if (stream.Documents.Count == 0)
            return new FrontMatter();
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            warnings.Add("front matter is not a YAML mapping of keys to values; indexed by file name and headings only");
            return null;
        }

        var fields = new FrontMatter();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value?.ToLowerInvariant();
            switch (key)
            {
                case "title": fields.Title = Scalar(key, value, warnings); break;
                case "service": fields.Service = Scalar(key, value, warnings); break;
                case "severity": fields.Severity = Scalar(key, value, warnings); break;
                case "owner": fields.Owner = Scalar(key, value, warnings); break;
                case "alerts": fields.Alerts = List(key, value, warnings); break;
                case "aliases": fields.Aliases = List(key, value, warnings); break;
                case "tags": fields.Tags = List(key, value, warnings); break;
                default: break;
            }
        }

        return fields;
    }

    private static string? Scalar(string key, YamlNode node, ICollection<string> warnings)
    {
        if (node is YamlScalarNode scalar)
            return string.IsNullOrWhiteSpace(scalar.Value) ? null : scalar.Value.Trim();
        warnings.Add($"front matter '{key}' should be a single value; ignored");
        return null;
    }

    private static List<string> List(string key, YamlNode node, ICollection<string> warnings)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                // "tags: a, b" is a common shorthand for a list.
                return [.. (scalar.Value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            case YamlSequenceNode sequence:
                var items = new List<string>();
                foreach (var item in sequence.Children)
                {
                    if (item is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value))
                        items.Add(value.Trim());
                    else
                        warnings.Add($"front matter '{key}' has an entry that is not a plain value; it was ignored");
                }

                return items;
            default:
                warnings.Add($"front matter '{key}' should be a list; ignored");
                return [];
        }
    }

    private static string InlineText(HeadingBlock heading)
    {
        if (heading.Inline is null)
            return string.Empty;
        var text = new System.Text.StringBuilder();
        foreach (var inline in heading.Inline.Descendants())
        {
            if (inline is Markdig.Syntax.Inlines.LiteralInline literal)
                text.Append(literal.Content.ToString());
            else if (inline is Markdig.Syntax.Inlines.CodeInline code)
                text.Append(code.Content);
        }

        return text.ToString().Trim();
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private sealed class FrontMatter
    {
        public string? Title { get; set; }
        public string? Service { get; set; }
        public string? Severity { get; set; }
        public string? Owner { get; set; }
        public List<string>? Alerts { get; set; }
        public List<string>? Aliases { get; set; }
        public List<string>? Tags { get; set; }
    }
}
