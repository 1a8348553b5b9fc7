using System.ComponentModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;
using SreSuite.ServiceDefaults.Mcp;

namespace SreSuite.ServiceDefaults.Tests;

public sealed class DeferredToolTests
{
    [Fact]
    public void The_server_options_hold_every_tool_by_name_without_building_one()
    {
        using var services = Services();

        var tools = services.GetRequiredService<IOptions<McpServerOptions>>().Value.ToolCollection!;

        Assert.Equal(["sample_read", "sample_write"], tools.Select(tool => ((IMcpServerPrimitive)tool).Id).Order(StringComparer.Ordinal));
        Assert.True(tools.TryGetPrimitive("sample_write", out var write));
        Assert.All(tools, tool => Assert.False(Assert.IsType<DeferredTool>(tool).IsBuilt));
        Assert.True(DeferredTool.IsWriteTool(write));
        Assert.False(DeferredTool.IsWriteTool(tools.Single(tool => DeferredTool.NameOf(tool) == "sample_read")));
        Assert.All(tools, tool => Assert.False(((DeferredTool)tool).IsBuilt));
    }

    [Fact]
    public void The_first_read_of_the_tool_builds_the_tightened_schema_once()
    {
        using var services = Services();
        var tool = (DeferredTool)services.GetServices<McpServerTool>().Single(tool => DeferredTool.NameOf(tool) == "sample_read");

        var seen = Enumerable.Range(0, 8).AsParallel().Select(_ => tool.ProtocolTool).Distinct().ToList();

        var protocolTool = Assert.Single(seen);
        Assert.True(tool.IsBuilt);
        Assert.Equal("sample_read", protocolTool.Name);
        Assert.True(protocolTool.Annotations?.ReadOnlyHint);
        Assert.False(protocolTool.InputSchema.GetProperty("additionalProperties").GetBoolean());
        // Optional and single-typed: not required, one type, no "default": null.
        var filter = protocolTool.InputSchema.GetProperty("properties").GetProperty("filter");
        Assert.Equal("string", filter.GetProperty("type").GetString());
        Assert.False(filter.TryGetProperty("default", out _));
        Assert.Equal("object", protocolTool.OutputSchema?.GetProperty("type").GetString());
        Assert.Contains(tool.Metadata, attribute => attribute is StructuredOutputAttribute);
    }

    [Fact]
    public void With_several_backends_the_built_tool_takes_the_choosing_argument()
    {
        var selector = new BackendSelector("context", "context", ["east", "west"], "east", tool => tool == "sample_read");
        using var services = Services(selector);
        var tools = services.GetServices<McpServerTool>().ToDictionary(DeferredTool.NameOf);

        var context = tools["sample_read"].ProtocolTool.InputSchema.GetProperty("properties").GetProperty("context");

        Assert.Equal(["east", "west"], context.GetProperty("enum").EnumerateArray().Select(name => name.GetString()));
        Assert.False(tools["sample_write"].ProtocolTool.InputSchema.GetProperty("properties").TryGetProperty("context", out _));
    }

    [Fact]
    public void A_tool_registered_without_WithSreTools_stops_start_up()
    {
        var collection = new ServiceCollection();
        collection.AddMcpServer().WithSreTools<SampleTools>().WithTools<OtherTools>();
        using var services = collection.BuildServiceProvider();
        var tools = services.GetServices<McpServerTool>().ToList();

        var error = Assert.Throws<InvalidOperationException>(() => DeferredTool.RefuseOthers(tools));

        Assert.Equal("The tool other_tool was not registered with WithSreTools<T>(), so its schema would not be tightened; register its class with WithSreTools<T>().", error.Message);
        DeferredTool.RefuseOthers(tools.OfType<DeferredTool>());
    }

    private static ServiceProvider Services(params BackendSelector[] selectors)
    {
        var collection = new ServiceCollection();
        foreach (var selector in selectors)
            collection.AddSingleton(selector);
        collection.AddMcpServer().WithSreTools<SampleTools>();
        return collection.BuildServiceProvider();
    }

    private sealed class SampleTools
    {
        private readonly string _written = "wrote ";

        [McpServerTool(Name = "sample_read", Title = "Sample: Read", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
        [Description("Reads a sample.")]
        [StructuredOutput("items")]
        public static string Read([Description("Only these.")] string? filter = null) => filter ?? "all";

        [McpServerTool(Name = "sample_write", Title = "Sample: Write", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false)]
        [Description("Writes a sample.")]
        public string Write(string value) => _written + value;
    }

    private sealed class OtherTools
    {
        [McpServerTool(Name = "other_tool")]
        [Description("Registered the SDK's way.")]
        public static string Other() => "other";
    }
}
