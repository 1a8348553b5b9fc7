using System.Globalization;
using System.Text;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.ServiceDefaults.Mcp;

/// <summary>
/// The answer of a status tool: short <c>key: value</c> lines a person reads at a glance.
/// Every server starts it with the same header so clients can compare them. Values (folders, URLs, warnings that
/// name files, backend errors) are written on one line (<see cref="UntrustedText.Line(string?)"/>).
/// </summary>
public sealed class StatusReport
{
    private readonly StringBuilder _text = new();

    /// <summary>Starts a report with the server's identity, the transport this request came on, protocol and write-tool state.</summary>
    public static StatusReport For(SreServerInfo info, RequestContext<CallToolRequestParams> request, ToolPolicyOptions policy)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        var server = request.Server;
        var writeTools = server.ServerOptions.ToolCollection?
            .Where(DeferredTool.IsWriteTool)
            .Select(DeferredTool.NameOf)
            .ToList() ?? [];
        var report = new StatusReport();
        report.Add("server", $"{info.Name} {info.Version}");
        report.Add("transport", RequestTransport.NameOf(info.Transport, request.JsonRpcRequest));
        report.Add("protocol", ProtocolVersion.Of(server, info.Transport));
        report.Add("write tools", DescribeWriteTools(policy, writeTools));
        if (info.DemoBackends.Count > 0)
            report.Add("DEMO DATA", $"{string.Join(", ", info.DemoBackends)} are demo fixtures started by the AppHost, not real systems; configure the real backend (or Demo__Enabled=false) to use yours");
        if (info.DemoBackends.Count > 0 && info.DemoScenario is not null)
            report.Add("demo scenario", info.DemoScenario);
        return report;
    }

    public StatusReport Add(string key, string? value)
    {
        _text.Append(key).Append(": ").AppendLine(string.IsNullOrWhiteSpace(value) ? "-" : UntrustedText.Line(value));
        return this;
    }

    public StatusReport Add(string key, int value) => Add(key, value.ToString(CultureInfo.InvariantCulture));

    public override string ToString() => _text.ToString().TrimEnd();

    private static string DescribeWriteTools(ToolPolicyOptions policy, IReadOnlyCollection<string> writeTools)
    {
        if (writeTools.Count == 0)
            return "none in this server";
        var all = writeTools.Order(StringComparer.Ordinal).ToList();
        if (policy.ReadOnly)
            return $"off (--read-only); this server has {string.Join(", ", all)}";
        var enabled = all.Where(tool => policy.EnabledWriteToolNames.Contains(tool) && !policy.DeniedToolNames.Contains(tool)).ToList();
        var off = all.Except(enabled).ToList();
        return enabled.Count == 0
            ? $"off (read-only): {string.Join(", ", off)}; the operator enables them by name with Guardrails__EnableWriteTools"
            : off.Count == 0 ? $"on: {string.Join(", ", enabled)}" : $"on: {string.Join(", ", enabled)}; off: {string.Join(", ", off)}";
    }
}
