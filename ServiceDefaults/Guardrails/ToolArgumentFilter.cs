using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>Refuses a call whose arguments do not match the tool's advertised schema, before the tool runs.</summary>
internal static class ToolArgumentFilter
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Filter(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            if (context.MatchedPrimitive is McpServerTool tool)
            {
                DropNullOptionalArguments(context.Params, tool.ProtocolTool.InputSchema);
                var validator = context.Services!.GetRequiredService<ArgumentValidator>();
                var problems = validator.Validate(tool.ProtocolTool.Name, tool.ProtocolTool.InputSchema, context.Params?.Arguments);
                if (problems.Count > 0)
                {
                    var summary = string.Join("; ", problems);
                    ToolCallState.Of(context)?.Set(ToolCallOutcome.Invalid, summary);
                    return ToolResults.Error(
                        $"Invalid arguments for {tool.ProtocolTool.Name}:\n- {string.Join("\n- ", problems)}\nFix them and call again; the tool's inputSchema lists what it accepts.");
                }
            }

            return await next(context, cancellationToken);
        };

    /// <summary>
    /// Optional parameters are single-typed (<see cref="ToolSchemas.Tighten"/>); clients that fill every field
    /// send <c>null</c> for the ones they leave out, which means "not given" and so gets the default.
    /// </summary>
    private static void DropNullOptionalArguments(CallToolRequestParams? request, System.Text.Json.JsonElement inputSchema)
    {
        if (request?.Arguments is not { Count: > 0, IsReadOnly: false } arguments)
            return;
        var nulls = arguments.Where(argument => argument.Value.ValueKind == System.Text.Json.JsonValueKind.Null).Select(argument => argument.Key).ToList();
        if (nulls.Count == 0)
            return;
        var optional = ToolSchemas.OptionalParameters(inputSchema);
        foreach (var name in nulls.Where(optional.Contains))
            arguments.Remove(name);
    }
}
