using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;
using SreSuite.ServiceDefaults.Hosting;
using SreSuite.ServiceDefaults.Mcp;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// Fails start-up when a guardrail setting names a tool the server does not register (<see cref="ToolNameCheck"/>), or
/// sets a tool timeout that is out of range or not a number (<see cref="ToolTimeoutCheck"/>).
/// </summary>
internal sealed class ToolPolicyValidator(IEnumerable<McpServerTool> tools, SreServerInfo info) : IValidateOptions<ToolPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, ToolPolicyOptions options)
    {
        // Names and read-only flags only: a DeferredTool answers them without building its schema.
        List<string> problems = [.. ToolNameCheck.Problems(info.Name, [.. tools.Select(DeferredTool.NameOf)], [.. tools.Where(DeferredTool.IsWriteTool).Select(DeferredTool.NameOf)], options)];
        problems.AddRange(ToolTimeoutCheck.Problems(options));
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
