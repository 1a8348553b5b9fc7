using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace SreSuite.InfraTools.Tests;

internal static class Calls
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Calls a tool and writes its answer and size to the test output.</summary>
    public static async Task<CallToolResult> CallAsync(this McpClient client, string tool, Dictionary<string, object?>? arguments = null)
    {
        var result = await client.CallToolAsync(tool, arguments ?? [], cancellationToken: Ct);
        var text = result.Text();
        TestContext.Current.TestOutputHelper?.WriteLine($"--- {tool} {string.Join(", ", (arguments ?? []).Select(a => $"{a.Key}={a.Value}"))} -> {(result.IsError == true ? "isError, " : "")}{System.Text.Encoding.UTF8.GetByteCount(text)} bytes\n{text}");
        return result;
    }

    /// <summary>Calls a tool that must succeed and returns its text.</summary>
    public static async Task<string> TextAsync(this McpClient client, string tool, Dictionary<string, object?>? arguments = null)
    {
        var result = await client.CallAsync(tool, arguments);
        Assert.True(result.IsError != true, $"{tool} failed: {result.Text()}");
        return result.Text();
    }

    public static int Bytes(string text) => System.Text.Encoding.UTF8.GetByteCount(text);
}
