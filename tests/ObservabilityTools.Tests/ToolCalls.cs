using System.Text;
using ModelContextProtocol.Client;

namespace SreSuite.ObservabilityTools.Tests;

/// <summary>A tool's answer as the tests read it: its text, its size in bytes, and whether it is an error.</summary>
public sealed record ToolAnswer(string Text, bool IsError)
{
    public int Bytes => Encoding.UTF8.GetByteCount(Text);

    /// <summary>The lines of the block that starts with <paramref name="firstLine"/>, up to the next unindented line.</summary>
    public IReadOnlyList<string> Block(string firstLine)
    {
        var lines = Text.Split('\n');
        var start = Array.IndexOf(lines, firstLine);
        Assert.True(start >= 0, $"no line '{firstLine}' in:\n{Text}");
        return [.. lines.Skip(start).Take(1).Concat(lines.Skip(start + 1).TakeWhile(line => line.StartsWith(' ')))];
    }
}

public static class ToolCalls
{
    public static async Task<ToolAnswer> CallAsync(this McpClient client, string tool, params (string Name, object? Value)[] arguments)
    {
        ArgumentNullException.ThrowIfNull(client);
        var result = await client.CallToolAsync(tool, arguments.ToDictionary(a => a.Name, a => a.Value), cancellationToken: TestContext.Current.CancellationToken);
        return new ToolAnswer(result.Text(), result.IsError == true);
    }
}
