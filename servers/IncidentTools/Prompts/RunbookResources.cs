using System.ComponentModel;
using System.Globalization;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SreSuite.IncidentTools.Runbooks;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.IncidentTools.Prompts;

/// <summary>Each runbook as an MCP resource <c>runbook://{service}/{slug}</c>: listed one by one, read through the template.</summary>
[McpServerResourceType]
public sealed class RunbookResources(RunbookLibrary library)
{
    private const int PageSize = 100;

    [McpServerResource(UriTemplate = RunbookUris.Template, Name = "runbook", Title = "Runbook", MimeType = "text/markdown")]
    [Description("A runbook's whole Markdown (front matter removed) inside an untrusted-text fence, by catalog service and file name without .md.")]
    public string Read(string service, string slug)
    {
        var runbook = library.Find(service, slug)
            ?? throw new McpProtocolException($"no runbook {RunbookUris.For(service, slug)}; list resources or use runbook_search.", McpErrorCode.ResourceNotFound);
        // The runbook's file is outside text, read as the tool answer reads it: fenced with its provenance and a nonce
        // of its own. The resources/read filter scrubs secrets from it.
        return new UntrustedFence().Wrap($"runbook {runbook.RelativePath}", $"# {runbook.Title}\n\n{runbook.Body}");
    }

    /// <summary>Lists every runbook as a concrete resource, a hundred per page.</summary>
    public static ValueTask<ListResourcesResult> ListAsync(RequestContext<ListResourcesRequestParams> context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var library = context.Services!.GetRequiredService<RunbookLibrary>();
        var start = int.TryParse(context.Params?.Cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var cursor) ? cursor : 0;
        var page = library.Runbooks.Skip(start).Take(PageSize).Select(runbook => new Resource
        {
            Uri = runbook.ResourceUri,
            Name = UntrustedText.Line(runbook.Slug),
            Title = UntrustedText.Line(runbook.Title),
            Description = UntrustedText.Line(runbook.Alerts.Count == 0 ? $"Runbook of {runbook.Service}" : $"Runbook of {runbook.Service} for {string.Join(", ", runbook.Alerts)}"),
            MimeType = "text/markdown",
        }).ToList();
        var next = start + page.Count;
        return ValueTask.FromResult(new ListResourcesResult
        {
            Resources = page,
            NextCursor = next < library.Runbooks.Count ? next.ToString(CultureInfo.InvariantCulture) : null,
        });
    }
}
