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
}
