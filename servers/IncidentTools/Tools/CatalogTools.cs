using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ModelContextProtocol.Server;
using SreSuite.IncidentTools.Catalog;
using SreSuite.IncidentTools.Runbooks;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.IncidentTools.Tools;

[McpServerToolType]
public sealed class CatalogTools(ServiceResolver services, RunbookLibrary runbooks, AnswerBudgets budgets)
{
    [McpServerTool(Name = "service_info", Title = "Catalog: Show service", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Show the owner, repo, PagerDuty service, namespace, dashboards and runbooks of a service.")]
    public string GetServiceInfo(
        [Description("Catalog service.")][RegularExpression(ServiceResolver.NamePattern)] string service)
    {
        var entry = services.Service(service);
        var answer = budgets.Start("service_info");
        // Every value comes from the catalog file, so each line keeps its values on it.
        var title = entry.Title is null ? string.Empty : $" ({entry.Title})";
        answer.AppendLine(UntrustedText.Line($"service: {entry.Name}{title} — {entry.Kind}, type {entry.Type ?? "-"}, lifecycle {entry.Lifecycle ?? "-"}"));
        if (entry.Description is not null)
            answer.AppendLine(UntrustedText.Line($"description: {entry.Description}"));
        answer.AppendLine(UntrustedText.Line($"owner: {entry.Owner ?? "-"} · system: {entry.System ?? "-"}"));
        answer.AppendLine(UntrustedText.Line($"repository: {entry.Repository ?? $"- (no {ServiceCatalog.RepoAnnotation})"}"));
        answer.AppendLine(UntrustedText.Line($"pagerduty service: {entry.PagerDutyServiceId ?? $"- (no {ServiceCatalog.PagerDutyAnnotation})"}"));
        answer.AppendLine(UntrustedText.Line($"kubernetes: namespace {entry.Namespace ?? "-"}{(entry.LabelSelector is null ? string.Empty : $", selector {entry.LabelSelector}")}"));
        // A catalog link that is one of the local runbooks is shown once, on that runbook's row, not as a second runbook.
        var published = entry.Links
            .Select(link => (Link: link, Runbook: link.Type == "runbook" ? runbooks.FindByUrl(link.Url) : null))
            .ToList();
        foreach (var group in published.Where(p => p.Runbook is null).Select(p => p.Link).GroupBy(link => link.Type ?? "link"))
            answer.AppendRows([.. group], link => $"{group.Key}: {link.Title ?? "-"} {link.Url}", $"{group.Key} links", "see the catalog file");

        var local = runbooks.ForService(entry.Name);
        string PublishedUrl(Runbook runbook) =>
            published.FirstOrDefault(p => p.Runbook == runbook).Link?.Url is { } url ? $" ({url})" : string.Empty;
        answer.AppendRows(local, r => $"runbook: {r.Title} [{string.Join(", ", r.Alerts)}] {r.ResourceUri}{PublishedUrl(r)}", "runbooks", "use runbook_search with service");
        if (entry.DependsOn.Count > 0)
            answer.AppendLine(UntrustedText.Line($"depends on: {string.Join(", ", entry.DependsOn)}"));
        var usedBy = services.Catalog.Services
            .Where(s => s.DependsOn.Any(d => string.Equals(d.Split(':')[^1], entry.Name, StringComparison.OrdinalIgnoreCase)))
            .Select(s => s.Name)
            .ToList();
        if (usedBy.Count > 0)
            answer.AppendLine(UntrustedText.Line($"used by: {string.Join(", ", usedBy)}"));
        return answer.ToString();
    }
}
