using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace SreSuite.Tests;

/// <summary>
/// The tool surface is a contract with every client: a golden snapshot of <c>tools/list</c> (names,
/// descriptions, schemas, annotations) makes every change a deliberate diff, and rules keep it safe and small.
/// Refresh the snapshot with <c>UPDATE_SNAPSHOTS=1 dotnet test</c> after an intended change.
/// </summary>
public abstract class ToolSurfaceContract
{
    // Issues 17 and 21: tools/list per server stays within 8,000 bytes, with every write tool enabled too.
    private const int MaxListBytes = 8000;
    private const int MaxTools = 14;

    protected abstract string ServerName { get; }

    /// <summary>The write tools of the server; a test fails if a tool that is not read-only is missing here.</summary>
    protected abstract IReadOnlyList<string> WriteTools { get; }

    /// <summary>The status tool, whose "write tools" line names every write tool the server has, listed or not.</summary>
    protected abstract string StatusTool { get; }

    private string SnapshotPath => Path.Combine(Repository.Root, "tests", $"{ServerName}.Tests", "Snapshots", "tools-list.json");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tools_list_matches_the_checked_in_snapshot()
    {
        var tools = await ListAsync(enableWriteTools: true);
        var actual = Render(tools);

        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(SnapshotPath)!);
            await File.WriteAllTextAsync(SnapshotPath, actual, Ct);
        }

        Assert.True(File.Exists(SnapshotPath), $"No snapshot at {SnapshotPath}; create it with UPDATE_SNAPSHOTS=1 dotnet test.");
        var expected = await File.ReadAllTextAsync(SnapshotPath, Ct);
        Assert.True(expected == actual, $"tools/list of {ServerName} changed; review the diff and refresh with UPDATE_SNAPSHOTS=1 dotnet test.\n{actual}");
    }

    [Fact]
    public async Task Default_listing_hides_write_tools_and_stays_small()
    {
        var all = await ListAsync(enableWriteTools: true);
        var listed = await ListAsync(enableWriteTools: false);

        Assert.Equal(
            all.Where(tool => !WriteTools.Contains(tool.Name)).Select(tool => tool.Name).Order(),
            listed.Select(tool => tool.Name).Order());
        Assert.True(ListBytes(all) <= MaxListBytes, $"tools/list with every write tool enabled is {ListBytes(all)} bytes");
        Assert.True(ListBytes(listed) <= MaxListBytes, $"tools/list is {ListBytes(listed)} bytes");
    }

    [Fact]
    public async Task Declared_write_tools_are_every_write_tool_the_server_has()
    {
        await using var client = await McpClients.ConnectStdioAsync(ServerName, Ct);
        var status = (await client.CallToolAsync(StatusTool, cancellationToken: Ct)).Text();
        var line = status.Split('\n').Single(l => l.StartsWith("write tools: ", StringComparison.Ordinal));

        var named = line.Split([' ', ',', ';', ':', '(', ')'], StringSplitOptions.RemoveEmptyEntries)
            .Where(word => word.Contains('_', StringComparison.Ordinal) && !word.StartsWith("Guardrails", StringComparison.Ordinal));
        Assert.Equal(WriteTools.Order(), named.Order());
    }

    [Fact]
    public async Task Every_tool_declares_its_hints_and_bounds_its_arguments()
    {
        var tools = await ListAsync(enableWriteTools: true);

        Assert.InRange(tools.Count, 1, MaxTools);
        Assert.Equal(tools.Count, tools.Select(tool => tool.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(WriteTools.Order(), tools.Where(tool => tool.Annotations?.ReadOnlyHint != true).Select(tool => tool.Name).Order());
        foreach (var tool in tools)
        {
            var hints = tool.Annotations;
            Assert.True(hints?.ReadOnlyHint is not null && hints.DestructiveHint is not null && hints.IdempotentHint is not null && hints.OpenWorldHint is not null,
                $"{tool.Name} must declare readOnlyHint, destructiveHint, idempotentHint and openWorldHint");
            Assert.False(hints!.ReadOnlyHint == true && hints.DestructiveHint == true, $"{tool.Name} cannot be read-only and destructive");
            Assert.False(string.IsNullOrWhiteSpace(tool.Title), $"{tool.Name} needs a title");
            Assert.InRange(tool.Description?.Length ?? 0, 20, 400);
            foreach (var problem in UnboundedArguments(tool))
                Assert.Fail($"{tool.Name}: {problem}");
        }
    }

    /// <summary>
    /// One style for every tool of every server: the title reads "Domain: Verb …" (<c>Kubernetes: List pods</c>), the
    /// description starts with the same kind of imperative verb (<c>List pods as rows …</c>), and an optional argument
    /// is one left out of <c>required</c> whose default, when the schema states one, is never null.
    /// </summary>
    [Fact]
    public async Task Every_tool_follows_the_style_rule()
    {
        foreach (var tool in await ListAsync(enableWriteTools: true))
        {
            var title = tool.Title ?? string.Empty;
            var colon = title.IndexOf(": ", StringComparison.Ordinal);
            Assert.True(colon > 0 && char.IsUpper(title[0]) && !title[..colon].Contains(' ', StringComparison.Ordinal),
                $"{tool.Name}: title '{title}' must read 'Domain: Verb …' with a one-word domain");
            Assert.True(StyleVerbs.Contains(FirstWord(title[(colon + 2)..])), $"{tool.Name}: title '{title}' must name a verb after the domain ({string.Join(", ", StyleVerbs)})");
            Assert.True(StyleVerbs.Contains(FirstWord(tool.Description ?? string.Empty)), $"{tool.Name}: description must start with a verb ({string.Join(", ", StyleVerbs)})");
            var required = tool.InputSchema.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(name => name.GetString()).ToHashSet() : [];
            if (!tool.InputSchema.TryGetProperty("properties", out var properties))
                continue;
            foreach (var property in properties.EnumerateObject().Where(property => !required.Contains(property.Name)))
            {
                Assert.False(property.Value.TryGetProperty("default", out var value) && (value.ValueKind == JsonValueKind.Null || value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0),
                    $"{tool.Name}: optional argument '{property.Name}' states a null or empty default; leave it out of required and give no default instead");
            }
        }
    }

    private static readonly HashSet<string> StyleVerbs = new(StringComparer.Ordinal)
    {
        "Acknowledge", "Add", "Create", "Delete", "Describe", "Expire", "Find", "Get", "List", "Read", "Restart", "Run", "Scale", "Search", "Show",
    };

    private static string FirstWord(string text) => text.Split([' ', ',', ';', ':', '.'], 2)[0];

    /// <summary>
    /// Arguments a caller could make arbitrarily large (every string needs an enum, pattern or maxLength; every number a
    /// minimum and maximum) or that a single-type schema dialect such as Gemini's rejects (<c>["string","null"]</c>).
    /// </summary>
    private static IEnumerable<string> UnboundedArguments(Tool tool)
    {
        if (!tool.InputSchema.TryGetProperty("properties", out var properties))
            yield break;
        foreach (var property in properties.EnumerateObject())
        {
            var schema = property.Value;
            var types = schema.TryGetProperty("type", out var type)
                ? type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToList() : [type.GetString()]
                : [];
            if (types.Count != 1)
                yield return $"argument '{property.Name}' must have exactly one type (optional means not required, never a \"null\" type)";
            if (types.Contains("string") && !Has(schema, "enum") && !Has(schema, "pattern") && !Has(schema, "maxLength"))
                yield return $"string argument '{property.Name}' needs [MaxLength], [RegularExpression] or [AllowedValues]";
            if ((types.Contains("integer") || types.Contains("number")) && !(Has(schema, "minimum") && Has(schema, "maximum")))
                yield return $"numeric argument '{property.Name}' needs [Range]";
            if (types.Contains("array") && !Has(schema, "maxItems"))
                yield return $"array argument '{property.Name}' needs [MaxLength] (maxItems)";
            if (!Has(schema, "description"))
                yield return $"argument '{property.Name}' needs a [Description]";
        }
    }

    private static bool Has(JsonElement schema, string keyword) => schema.TryGetProperty(keyword, out _);

    private async Task<IList<Tool>> ListAsync(bool enableWriteTools)
    {
        var settings = new Dictionary<string, string?>();
        if (enableWriteTools && WriteTools.Count > 0)
            settings["Guardrails__EnableWriteTools"] = string.Join(',', WriteTools);
        await using var client = await McpClients.ConnectStdioAsync(ServerName, Ct, environment: settings);
        return [.. (await client.ListToolsAsync(cancellationToken: Ct)).Select(tool => tool.ProtocolTool)];
    }

    private static int ListBytes(IList<Tool> tools) =>
        Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(new ListToolsResult { Tools = tools }, McpJsonUtilities.DefaultOptions));

    private static string Render(IList<Tool> tools)
    {
        var array = new JsonArray();
        foreach (var tool in tools.OrderBy(tool => tool.Name, StringComparer.Ordinal))
            array.Add(JsonSerializer.SerializeToNode(tool, McpJsonUtilities.DefaultOptions));
        return array.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }
}
