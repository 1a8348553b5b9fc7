using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>Fails start-up when a guardrail setting names a tool the server does not register (see <see cref="ToolNameCheck"/>).</summary>
internal sealed class ToolNamesValidator(IEnumerable<McpServerTool> tools, SreServerInfo info) : IValidateOptions<ToolPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, ToolPolicyOptions options)
    {
        var problems = ToolNameCheck.Problems(info.Name, [.. tools.Select(tool => tool.ProtocolTool)], options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
