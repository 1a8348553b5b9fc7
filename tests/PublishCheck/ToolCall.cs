using ModelContextProtocol.Client;

namespace SreSuite.PublishCheck;

/// <summary>One <c>tools/call</c> and a phrase its answer must contain; an expected refusal must come back as <c>isError</c>.</summary>
internal sealed record ToolCall(string Tool, Dictionary<string, object?> Arguments, string Expected, bool Refused = false)
{
    public string Name => Arguments.Count == 0 ? Tool : $"{Tool} {string.Join(", ", Arguments.Select(a => $"{a.Key}={a.Value}"))}";

    public async Task CallAsync(McpClient client, CancellationToken cancellationToken)
    {
        var result = await client.CallToolAsync(Tool, Arguments, cancellationToken: cancellationToken);
        var text = result.Text();
        CheckLog.Expect((result.IsError == true) == Refused,
            $"expected {(Refused ? "a refusal" : "an answer")}, got {(result.IsError == true ? "isError" : "an answer")}: {FirstLine(text)}");
        CheckLog.Expect(text.Contains(Expected, StringComparison.Ordinal), $"the answer lacks '{Expected}': {FirstLine(text)}");
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n')[0];
        return line.Length <= 300 ? line : line[..300] + "…";
    }
}
