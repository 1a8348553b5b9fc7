using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// The last word on every <c>resources/read</c> answer, as <see cref="ToolAnswerFilter"/> is for tools: secrets
/// scrubbed and characters a reader cannot see stripped, whatever server and resource produced the text.
/// </summary>
internal static class ResourceAnswerFilter
{
    public static McpRequestHandler<ReadResourceRequestParams, ReadResourceResult> Filter(McpRequestHandler<ReadResourceRequestParams, ReadResourceResult> next) =>
        async (context, cancellationToken) =>
        {
            var result = await next(context, cancellationToken);
            var scrubber = context.Services!.GetRequiredService<SecretScrubber>();
            foreach (var contents in result.Contents.OfType<TextResourceContents>())
                contents.Text = UntrustedText.Sanitize(scrubber.Scrub(contents.Text));
            return result;
        };
}
