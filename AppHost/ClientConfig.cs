using System.Text.Json;
using System.Text.Json.Nodes;

namespace SreSuite.AppHost;

/// <summary>
/// One server as a client registers it: over HTTP at its URL, and/or over stdio as a child process
/// (<paramref name="Command"/> null when there is no stdio entry).
/// </summary>
internal sealed record ClientEntry(string Key, Uri? HttpUrl, string? Command, IReadOnlyList<string> Args, IReadOnlyDictionary<string, string> Environment);

/// <summary>Renders the ready-to-paste client configurations for Claude Desktop and VS Code.</summary>
internal static class ClientConfig
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Claude Desktop's <c>claude_desktop_config.json</c> (also read by Claude Code and Cursor).</summary>
    public static string ClaudeDesktop(IEnumerable<ClientEntry> entries) =>
        new JsonObject { ["mcpServers"] = Servers(entries, typed: false) }.ToJsonString(Indented);

    /// <summary>VS Code's <c>.vscode/mcp.json</c>.</summary>
    public static string VsCode(IEnumerable<ClientEntry> entries) =>
        new JsonObject { ["servers"] = Servers(entries, typed: true) }.ToJsonString(Indented);

    private static JsonObject Servers(IEnumerable<ClientEntry> entries, bool typed)
    {
        var servers = new JsonObject();
        foreach (var entry in entries)
        {
            if (entry.Command is { } command)
                servers[entry.Key] = Stdio(command, entry, typed);
            if (entry.HttpUrl is { } url)
                servers[$"{entry.Key}-http"] = Http(url);
        }

        return servers;
    }

    private static JsonObject Stdio(string command, ClientEntry entry, bool typed)
    {
        var server = new JsonObject();
        if (typed)
            server["type"] = "stdio";
        server["command"] = command;
        server["args"] = new JsonArray([.. entry.Args.Select(arg => (JsonNode)arg)]);
        if (entry.Environment.Count > 0)
            server["env"] = new JsonObject(entry.Environment.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value)));
        return server;
    }

    private static JsonObject Http(Uri url) => new() { ["type"] = "http", ["url"] = url.ToString() };
}
