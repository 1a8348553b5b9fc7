using System.Text.RegularExpressions;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.IncidentTools.Catalog;

/// <summary>Turns a tool's <c>service</c> or <c>repo</c> argument into the catalog entry, repository or PagerDuty service it means.</summary>
public sealed partial class ServiceResolver(ServiceCatalog catalog)
{
    public const string NamePattern = @"^[\w.-]{1,100}$";
    public const string ServiceOrRepoPattern = @"^[\w.-]{1,100}(/[\w.-]{1,100})?$";
    public const string IdPattern = @"^\w{1,32}$";

    public ServiceCatalog Catalog => catalog;

    public CatalogService Service(string name) => catalog.Find(name)
        ?? throw new ToolInputException("service", $"'{name}' is not in the service catalog ({catalog.Path}); known services: {Known()}.");

    /// <summary>The GitHub repository of a catalog service, or the argument itself when it is <c>owner/name</c>.</summary>
    public string Repository(string serviceOrRepo)
    {
        ArgumentNullException.ThrowIfNull(serviceOrRepo);
        if (serviceOrRepo.Contains('/', StringComparison.Ordinal))
            return serviceOrRepo.Trim();
        var entry = Service(serviceOrRepo);
        return entry.Repository
            ?? throw new ToolInputException("service", $"'{entry.Name}' has no {ServiceCatalog.RepoAnnotation} annotation in the catalog; pass the repository as owner/name.");
    }

    /// <summary>A PagerDuty service id: the catalog's annotation for a service name, or the id itself.</summary>
    public string PagerDutyService(string service)
    {
        var entry = catalog.Find(service);
        if (entry is not null)
        {
            return entry.PagerDutyServiceId
                ?? throw new ToolInputException("service", $"'{entry.Name}' has no {ServiceCatalog.PagerDutyAnnotation} annotation in the catalog.");
        }

        if (PagerDutyId().IsMatch(service))
            return service;
        throw new ToolInputException("service", $"'{service}' is neither a catalog service nor a PagerDuty service id (like PSVC001); known services: {Known()}.");
    }

    /// <summary>The catalog name of a PagerDuty service id, when the catalog knows it.</summary>
    public string NameOf(string pagerDutyServiceId, string fallback) =>
        catalog.FindByPagerDutyService(pagerDutyServiceId)?.Name ?? fallback;

    private string Known()
    {
        var names = catalog.Services.Select(s => s.Name).Take(20).ToList();
        return names.Count == 0 ? "(the catalog is empty)" : string.Join(", ", names);
    }

    [GeneratedRegex("^P[A-Z0-9]{5,13}$")]
    private static partial Regex PagerDutyId();
}
