using ModelContextProtocol.Protocol;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>Tool answers the pipeline writes itself.</summary>
public static class ToolResults
{
    /// <summary>An <c>isError</c> answer: the call reached the tool layer but cannot be answered as asked.</summary>
    public static CallToolResult Error(string text) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = text }],
    };

    /// <summary>A plain answer: one text block.</summary>
    public static CallToolResult Text(string text) => new()
    {
        Content = [new TextContentBlock { Text = text }],
    };

    /// <summary>The UTF-8 size of an answer's text content, as the budget counts it.</summary>
    public static int TextBytes(CallToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Content.OfType<TextContentBlock>().Sum(block => System.Text.Encoding.UTF8.GetByteCount(block.Text));
    }
}
