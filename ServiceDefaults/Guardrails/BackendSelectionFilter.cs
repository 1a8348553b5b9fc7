using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SreSuite.ServiceDefaults.Mcp;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// Picks the backend of each <see cref="BackendSelector"/> for the call, after the argument check: the one named, else
/// the default. A name outside the allowed list (only possible if a schema were bypassed) and a write tool aimed at a
/// read-only backend are refused here, before the tool runs and before any backend request.
/// </summary>
internal static class BackendSelectionFilter
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Filter(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            if (context.MatchedPrimitive is McpServerTool tool)
            {
                foreach (var selector in context.Services!.GetServices<BackendSelector>())
                {
                    var toolName = tool.ProtocolTool.Name;
                    if (!selector.AppliesTo(toolName))
                        continue;
                    var name = selector.Default;
                    if (context.Params?.Arguments is { } arguments && arguments.TryGetValue(selector.Argument, out var value))
                    {
                        name = value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
                        // The tool's own parameters do not include it; the choice is made here, once.
                        if (!arguments.IsReadOnly)
                            arguments.Remove(selector.Argument);
                    }

                    var refusal = !selector.Names.Contains(name, StringComparer.Ordinal)
                        ? $"refused: {selector.Kind} '{UntrustedText.Line(name, 80)}' is not one this server may use; allowed: {string.Join(", ", selector.Names)}."
                        : ToolPolicy.IsWriteTool(tool.ProtocolTool) ? selector.WriteRefusal(toolName, name) : null;
                    if (refusal is not null)
                    {
                        ToolCallState.Of(context)?.Set(ToolCallOutcome.Denied, refusal);
                        return ToolResults.Error(refusal);
                    }

                    selector.Enter(name);
                }
            }

            return await next(context, cancellationToken);
        };
}
