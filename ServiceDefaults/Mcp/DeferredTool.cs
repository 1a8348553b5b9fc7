using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ServiceDefaults.Mcp;

/// <summary>
/// A tool whose name and read-only flag come from its <see cref="McpServerToolAttribute"/> and whose SDK tool (the
/// JSON schema the SDK reflects out of the method, then tightened by <see cref="ToolSchemas.Tighten"/> and given the
/// argument of every <see cref="BackendSelector"/>) is built on the first <c>tools/list</c> or <c>tools/call</c>.
/// Building every schema before <c>initialize</c> was answered cost about a quarter of a Native AOT start (issue 16);
/// nothing at start needs more than the names. The SDK keys its tool collection by <see cref="IMcpServerPrimitive.Id"/>,
/// which <see cref="McpServerTool"/> answers from <see cref="ProtocolTool"/>, so this type re-implements it.
/// </summary>
public sealed class DeferredTool : McpServerTool, IMcpServerPrimitive
{
    private readonly Lazy<McpServerTool> _built;

    private DeferredTool(string name, bool readOnly, Func<McpServerTool> build)
    {
        Name = name;
        ReadOnly = readOnly;
        _built = new Lazy<McpServerTool>(build, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The tool's name, as <c>tools/list</c> will give it.</summary>
    public string Name { get; }

    /// <summary>True when the tool declares itself read-only (its <c>readOnlyHint</c>); every other tool is a write tool.</summary>
    public bool ReadOnly { get; }

    /// <summary>Whether the SDK tool has been built (by a list, a call or a read of its schema or metadata).</summary>
    public bool IsBuilt => _built.IsValueCreated;

    public override Tool ProtocolTool => _built.Value.ProtocolTool;

    public override IReadOnlyList<object> Metadata => _built.Value.Metadata;

    string IMcpServerPrimitive.Id => Name;

    public override ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default) =>
        _built.Value.InvokeAsync(request, cancellationToken);

    public override string ToString() => Name;

    /// <summary>The name of any tool, without building a deferred one.</summary>
    public static string NameOf(McpServerTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return tool is DeferredTool deferred ? deferred.Name : tool.ProtocolTool.Name;
    }

    /// <summary>Whether any tool is a write tool (not declared read-only), without building a deferred one.</summary>
    public static bool IsWriteTool(McpServerTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return tool is DeferredTool deferred ? !deferred.ReadOnly : ToolPolicy.IsWriteTool(tool.ProtocolTool);
    }

    /// <summary>
    /// Stops start-up at a tool that is not a <see cref="DeferredTool"/>: its schema is tightened and given its backend
    /// argument by nothing, so it would be listed with the SDK's open schema.
    /// </summary>
    public static void RefuseOthers(IEnumerable<McpServerTool>? tools)
    {
        foreach (var tool in tools ?? [])
        {
            if (tool is not DeferredTool)
                throw new InvalidOperationException($"The tool {tool} was not registered with WithSreTools<T>(), so its schema would not be tightened; register its class with WithSreTools<T>().");
        }
    }

    /// <summary>
    /// Registers one deferred tool per <see cref="McpServerToolAttribute"/> method of <typeparamref name="T"/>, built as
    /// the SDK's <c>WithTools&lt;T&gt;()</c> builds it (an instance method gets a new <typeparamref name="T"/> per call).
    /// </summary>
    internal static void Register<[DynamicallyAccessedMembers(
        DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods | DynamicallyAccessedMemberTypes.PublicConstructors)] T>(IServiceCollection services)
    {
        // Also registered by AddSreMcpServer, which resolves it at start; here so the tools can be built without it.
        services.TryAddSingleton<BackendSelectors>();
        foreach (var method in typeof(T).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance))
        {
            if (method.GetCustomAttribute<McpServerToolAttribute>() is not { } attribute)
                continue;
            // The SDK would fall back to the method's name; a tool's name is its contract, so it is written down.
            if (string.IsNullOrWhiteSpace(attribute.Name))
                throw new InvalidOperationException($"{typeof(T).Name}.{method.Name} has [McpServerTool] without a Name; give the tool its name there.");
            var name = attribute.Name;
            Func<RequestContext<CallToolRequestParams>, object>? createTarget = method.IsStatic ? null : static request => CreateTarget(request.Services, typeof(T));
            // The selectors are resolved when the tool is built, not here: a backend's connection can depend on the
            // guardrail options, whose validation lists the tools.
            services.AddSingleton<McpServerTool>(provider => new DeferredTool(name, attribute.ReadOnly, () => Build(provider, method, createTarget)));
        }
    }

    private static McpServerTool Build(
        IServiceProvider services, MethodInfo method, Func<RequestContext<CallToolRequestParams>, object>? createTarget)
    {
        var options = new McpServerToolCreateOptions { Services = services };
        var tool = createTarget is null ? Create(method, (object?)null, options) : Create(method, createTarget, options);
        ToolSchemas.Tighten(tool);
        // Only with several backends does a tool gain the argument that picks one; one backend, one schema as before.
        foreach (var selector in services.GetRequiredService<BackendSelectors>().All)
            selector.AddArgument(tool);
        return tool;
    }

    private static object CreateTarget(IServiceProvider? services, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] Type type) =>
        services is null ? Activator.CreateInstance(type)! : ActivatorUtilities.CreateInstance(services, type);
}

/// <summary>
/// The server's backend selectors, resolved once. The server options resolve them at start (see
/// <see cref="SreMcpServerExtensions.AddSreMcpServer"/>), so a backend that cannot be made still stops start-up.
/// </summary>
internal sealed class BackendSelectors(IEnumerable<BackendSelector> selectors)
{
    public IReadOnlyList<BackendSelector> All { get; } = [.. selectors];
}
