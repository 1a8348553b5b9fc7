using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SreSuite.IncidentTools.Catalog;
using SreSuite.IncidentTools.Deploys;
using SreSuite.IncidentTools.Incidents;
using SreSuite.IncidentTools.Runbooks;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Hosting;
using SreSuite.ServiceDefaults.Mcp;

namespace SreSuite.IncidentTools.Tools;

[McpServerToolType]
public sealed class StatusTools(
    RunbookLibrary runbooks,
    IOptions<RunbookOptions> runbookOptions,
    RunbookApiBackend runbookApi,
    ServiceCatalog catalog,
    IIncidentProvider incidents,
    GitHubDeploys github,
    SreServerInfo info,
    IOptions<ToolPolicyOptions> policy)
{
    // Warnings listed by name; the rest are counted (the server log has them all).
    private const int WarningsShown = 10;

    [McpServerTool(Name = "incident_status", Title = "Incidents: Show status", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Show the runbooks, catalog, incident and deploy sources, their health and warnings, and write-tool state. Call first.")]
    public async Task<string> GetStatusAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var report = StatusReport.For(info, request, policy.Value);
        report.Add("runbooks", string.Create(CultureInfo.InvariantCulture,
            $"{runbooks.Folder} ({runbooks.Runbooks.Count} indexed in {runbooks.IndexTime.TotalMilliseconds:0} ms, {runbooks.Warnings.Count} warnings)"));
        report.Add("runbook base url", runbookOptions.Value.BaseUrl ?? "not set: runbook_url annotations are not resolved (set Runbooks__BaseUrl)");
        foreach (var warning in runbooks.Warnings.Take(WarningsShown))
            report.Add("runbook warning", warning.ToString());
        if (runbooks.Warnings.Count > WarningsShown)
            report.Add("runbook warning", string.Create(CultureInfo.InvariantCulture, $"… {runbooks.Warnings.Count - WarningsShown} more in the server log"));

        report.Add("runbook api", runbookApi.Url is null
            ? "not configured (optional: RUNBOOK_API_URL)"
            : $"{runbookApi.Url}: {await StatusProbe.DescribeAsync(runbookApi, cancellationToken)}");
        report.Add("service catalog", string.Create(CultureInfo.InvariantCulture, $"{catalog.Path} ({catalog.Services.Count} services, {catalog.Warnings.Count} warnings)"));
        foreach (var warning in catalog.Warnings.Take(WarningsShown))
            report.Add("catalog warning", warning);

        report.Add("incidents", incidents.IsConfigured
            ? $"{incidents.Name} at {incidents.Endpoint}: {await StatusProbe.DescribeAsync(incidents, cancellationToken)}"
            : $"not configured: set PAGERDUTY_TOKEN");
        report.Add("deploys", github.IsConfigured
            ? $"GitHub at {github.Endpoint}: {await StatusProbe.DescribeAsync(github, cancellationToken)}"
            : "not configured: set GITHUB_TOKEN");
        return report.ToString();
    }
}
