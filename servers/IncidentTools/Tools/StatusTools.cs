using System.ComponentModel;
using Microsoft.Extensions.Options;
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
    IOptions<RunbookOptions> runbooks,
    IOptions<CatalogOptions> catalog,
    IOptions<PagerDutyOptions> pagerDuty,
    IOptions<GitHubOptions> gitHub,
    SreServerInfo info,
    IOptions<ToolPolicyOptions> policy)
{
    [McpServerTool(Name = "incident_status", Title = "Incidents: status", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Show which runbook folder, service catalog, incident provider and deploy source this server uses, and whether write tools are on. Call this first.")]
    public string GetStatus(McpServer server)
    {
        var runbookFolder = runbooks.Value.FullPath;
        var runbookCount = Directory.Exists(runbookFolder)
            ? Directory.EnumerateFiles(runbookFolder, "*.md", SearchOption.AllDirectories).Count()
            : 0;
        return StatusReport.For(info, server, policy.Value)
            .Add("runbooks", $"{runbookFolder} ({runbookCount} files)")
            .Add("service catalog", catalog.Value.FullPath)
            .Add("incidents", pagerDuty.Value.IsConfigured ? $"PagerDuty at {pagerDuty.Value.Url}" : "not configured: set PAGERDUTY_TOKEN")
            .Add("deploys", gitHub.Value.IsConfigured ? $"GitHub at {gitHub.Value.Url}" : "not configured: set GITHUB_TOKEN")
            .ToString();
    }
}
