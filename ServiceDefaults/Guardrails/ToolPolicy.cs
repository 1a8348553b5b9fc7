using System.Security.Claims;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// Decides which tools a caller sees and may call: read tools by default, write tools only when the operator
/// enables them by name, never a denied tool, and — when callers authenticate — only what their scopes allow.
/// The operator's settings are the upper bound; nothing in a request can relax them.
/// </summary>
public sealed class ToolPolicy(IOptionsMonitor<ToolPolicyOptions> options, SreServerInfo info)
{
    /// <summary>The scope prefix of this server, e.g. <c>infra</c> for InfraTools.</summary>
    public string ScopePrefix => info.ScopePrefix;

    /// <summary>A tool that can change anything: the spec's default for a missing readOnly hint is "not read-only".</summary>
    public static bool IsWriteTool(Tool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return tool.Annotations?.ReadOnlyHint != true;
    }

    /// <summary>The scope a caller needs for <paramref name="tool"/>: <c>&lt;prefix&gt;:read</c> or <c>&lt;prefix&gt;:write</c>.</summary>
    public string RequiredScope(Tool tool) => $"{ScopePrefix}:{(IsWriteTool(tool) ? "write" : "read")}";

    /// <summary>Returns null when the call is allowed, else the reason, naming the setting that would allow it.</summary>
    public string? Refusal(Tool tool, ClaimsPrincipal? caller, bool authenticationRequired)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var policy = options.CurrentValue;
        if (policy.DeniedToolNames.Contains(tool.Name))
            return $"{tool.Name} is denied by the operator (Guardrails__DenyTools); remove it from that setting to allow it.";
        if (IsWriteTool(tool))
        {
            if (policy.ReadOnly)
                return $"{tool.Name} changes things and this server runs with --read-only; restart it without --read-only and with Guardrails__EnableWriteTools={tool.Name} to allow it.";
            if (!policy.EnabledWriteToolNames.Contains(tool.Name))
                return $"{tool.Name} changes things and write tools are off by default; the operator can enable it with Guardrails__EnableWriteTools={tool.Name}.";
        }

        if (authenticationRequired)
        {
            var scope = RequiredScope(tool);
            if (!CallerScopes.Of(caller).Contains(scope))
                return $"{tool.Name} needs the OAuth scope '{scope}', which your token does not carry; ask for a token with that scope.";
        }

        return null;
    }
}
