using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// Fails start-up when a guardrail setting names a tool the server does not register (<see cref="ToolNameCheck"/>), or
/// sets a tool timeout that is out of range or not a number (<see cref="ToolTimeoutCheck"/>).
/// </summary>
internal sealed class ToolPolicyValidator(IEnumerable<McpServerTool> tools, SreServerInfo info) : IValidateOptions<ToolPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, ToolPolicyOptions options)
    {
        List<string> problems = [.. ToolNameCheck.Problems(info.Name, [.. tools.Select(tool => tool.ProtocolTool)], options)];
        problems.AddRange(ToolTimeoutCheck.Problems(options));
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
