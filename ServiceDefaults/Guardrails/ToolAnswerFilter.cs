using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// The last word on every answer: secrets scrubbed, characters a reader cannot see (zero-width, BiDi) stripped from
/// the whole text, whatever wrote it, size held to the tool's budget (a backstop for tools that
/// do not budget themselves — the cut is stated, never silent), and the outcome and size noted for the audit.
/// </summary>
internal static class ToolAnswerFilter
{
    // Tools budget their own answers; the backstop allows some slack before it cuts.
    private const double BackstopSlack = 1.25;

    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Filter(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            var result = await next(context, cancellationToken);
            var services = context.Services!;
            var scrubber = services.GetRequiredService<SecretScrubber>();
            var tool = context.Params?.Name ?? "?";
            var budget = services.GetRequiredService<AnswerBudgets>().BytesFor(tool);
            foreach (var block in result.Content.OfType<TextContentBlock>())
                block.Text = UntrustedText.Sanitize(scrubber.Scrub(block.Text));
            if (result.StructuredContent is { } structured)
                result.StructuredContent = Clean(structured, scrubber);

            // One budget covers the text and the structured content together.
            var size = ToolResults.TextBytes(result) + StructuredAnswer.BytesOf(result);
            if (size > budget * BackstopSlack && result.Content.OfType<TextContentBlock>().LastOrDefault() is { } last)
            {
                last.Text = Cut(last.Text, Math.Max(0, budget - (size - Encoding.UTF8.GetByteCount(last.Text))), size, tool);
                size = ToolResults.TextBytes(result) + StructuredAnswer.BytesOf(result);
            }

            var call = ToolCallState.Of(context);
            if (call is not null)
            {
                call.AnswerBytes = size;
                if (result.IsError == true)
                    call.Set(ToolCallOutcome.Error, FirstLine(result));
            }

            return result;
        };

    /// <summary>The structured content with every string scrubbed and cleaned like the text, so the two still agree.</summary>
    private static JsonElement Clean(JsonElement structured, SecretScrubber scrubber)
    {
        var node = JsonNode.Parse(structured.GetRawText());
        if (node is null)
            return structured;
        node = CleanNode(node, scrubber);
        return JsonSerializer.SerializeToElement(node, GuardrailJsonContext.Default.JsonNode);
    }

    private static JsonNode CleanNode(JsonNode node, SecretScrubber scrubber)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(pair => pair.Key).ToList())
                {
                    if (obj[key] is { } child)
                        obj[key] = CleanNode(child.DeepClone(), scrubber);
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item)
                        array[i] = CleanNode(item.DeepClone(), scrubber);
                }

                return array;
            default:
                return node.GetValueKind() == JsonValueKind.String
                    ? JsonValue.Create(UntrustedText.Sanitize(scrubber.Scrub(node.GetValue<string>())))
                    : node;
        }
    }

    private static string Cut(string text, int keepBytes, int originalBytes, string tool)
    {
        var kept = new StringBuilder();
        // Room for the end marker of a fence the cut falls into.
        var used = Encoding.UTF8.GetByteCount(new UntrustedFence().End) + 1;
        foreach (var line in text.Split('\n'))
        {
            var lineBytes = Encoding.UTF8.GetByteCount(line) + 1;
            if (used + lineBytes > keepBytes)
                break;
            kept.Append(line).Append('\n');
            used += lineBytes;
        }

        // A cut inside a fence closes it, so the note below is the server's text again.
        if (UntrustedFence.Unclosed(kept.ToString().Split('\n')) is { } end)
            kept.Append(end).Append('\n');
        return kept.Append(string.Create(CultureInfo.InvariantCulture,
            $"… answer cut from {originalBytes} bytes to fit the {tool} answer budget; narrow the call (a filter, fewer items or a shorter time window).")).ToString();
    }

    private static string FirstLine(CallToolResult result)
    {
        var text = result.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text ?? string.Empty;
        var line = text.Split('\n')[0];
        return line.Length <= 200 ? line : line[..200] + "…";
    }
}
