using System.Text.Json;
using System.Text.Json.Nodes;

namespace SreSuite.AppHost;

/// <summary>One server as a client registers it: over HTTP at its URL, or over stdio as a child process.</summary>
internal sealed record ClientEntry(string Key, Uri HttpUrl, string Command, IReadOnlyList<string> Args, IReadOnlyDictionary<string, string> Environment);

/// <summary>Renders the ready-to-paste client configurations for Claude Desktop and VS Code.</summary>
internal static class ClientConfig
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Claude Desktop's <c>claude_desktop_config.json</c> (also read by Claude Code and Cursor).</summary>
    public static string ClaudeDesktop(IEnumerable<ClientEntry> entries)
    {
        var servers = new JsonObject();
        foreach (var entry in entries)
        {
            servers[entry.Key] = Stdio(entry, typed: false);
            servers[$"{entry.Key}-http"] = Http(entry);
        }

        return new JsonObject { ["mcpServers"] = servers }.ToJsonString(Indented);
    }

    /// <summary>VS Code's <c>.vscode/mcp.json</c>.</summary>
    public static string VsCode(IEnumerable<ClientEntry> entries)
    {
        var servers = new JsonObject();
        foreach (var entry in entries)
        {
            servers[entry.Key] = Stdio(entry, typed: true);
            servers[$"{entry.Key}-http"] = Http(entry);
        }

        return new JsonObject { ["servers"] = servers }.ToJsonString(Indented);
    }

    private static JsonObject Stdio(ClientEntry entry, bool typed)
    {
        var server = new JsonObject();
        if (typed)
            server["type"] = "stdio";
        server["command"] = entry.Command;
        server["args"] = new JsonArray([.. entry.Args.Select(arg => (JsonNode)arg)]);
        if (entry.Environment.Count > 0)
            server["env"] = new JsonObject(entry.Environment.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value)));
        return server;
    }

    private static JsonObject Http(ClientEntry entry) => new() { ["type"] = "http", ["url"] = entry.HttpUrl.ToString() };
}
