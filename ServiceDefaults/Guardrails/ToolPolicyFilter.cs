using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SreSuite.ServiceDefaults.Security;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>Applies <see cref="ToolPolicy"/> to what is listed and to what is called.</summary>
internal static class ToolPolicyFilter
{
    public static McpRequestHandler<ListToolsRequestParams, ListToolsResult> List(McpRequestHandler<ListToolsRequestParams, ListToolsResult> next) =>
        async (context, cancellationToken) =>
        {
            var result = await next(context, cancellationToken);
            var services = context.Services!;
            var policy = services.GetRequiredService<ToolPolicy>();
            var authenticated = services.GetRequiredService<AuthenticationState>().Required;
            result.Tools = [.. result.Tools.Where(tool => policy.Refusal(tool, context.User, authenticated) is null)];
            return result;
        };

    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Call(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            if (context.MatchedPrimitive is McpServerTool tool)
            {
                var services = context.Services!;
                var authenticated = services.GetRequiredService<AuthenticationState>().Required;
                var refusal = services.GetRequiredService<ToolPolicy>().Refusal(tool.ProtocolTool, context.User, authenticated);
                if (refusal is not null)
                {
                    ToolCallState.Of(context)?.Set(ToolCallOutcome.Denied, refusal);
                    return ToolResults.Error(refusal);
                }
            }

            return await next(context, cancellationToken);
        };
}
