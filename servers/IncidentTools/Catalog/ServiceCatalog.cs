using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SreSuite.IncidentTools.Catalog;

/// <summary>A link of a catalog entity (Backstage <c>metadata.links[]</c>).</summary>
public sealed record CatalogLink(string Url, string? Title, string? Type);

/// <summary>
/// One service of the catalog: a Backstage <c>Component</c> (or any entity) and what SreSuite reads from its
/// well-known annotations. Integration keys are never read: they can raise incidents.
/// </summary>
public sealed record CatalogService(
    string Name,
    string Kind,
    string? Title,
    string? Description,
    string? Owner,
    string? System,
    string? Type,
    string? Lifecycle,
    string? Repository,
    string? PagerDutyServiceId,
    string? Namespace,
    string? LabelSelector,
    IReadOnlyList<CatalogLink> Links,
    IReadOnlyList<string> DependsOn);

/// <summary>
/// The service catalog: a multi-document YAML file of Backstage-style entities (<c>catalog-info.yaml</c>
/// shape), read with YamlDotNet's node model. A bad document is skipped with a warning, never a crash.
/// </summary>
public sealed class ServiceCatalog
{
    public const string RepoAnnotation = "github.com/project-slug";
    public const string PagerDutyAnnotation = "pagerduty.com/service-id";
    public const string NamespaceAnnotation = "backstage.io/kubernetes-namespace";
    public const string LabelSelectorAnnotation = "backstage.io/kubernetes-label-selector";

    private readonly Dictionary<string, CatalogService> _byName;

    private ServiceCatalog(string path, List<CatalogService> services, List<string> warnings)
    {
        Path = path;
        Services = services;
        Warnings = warnings;
        _byName = new(StringComparer.OrdinalIgnoreCase);
        foreach (var service in services)
        {
            if (!_byName.TryAdd(service.Name, service))
                warnings.Add($"{service.Kind} '{service.Name}' is defined twice; the first definition is used");
        }
    }

    public string Path { get; }

    public IReadOnlyList<CatalogService> Services { get; }

    public IReadOnlyList<string> Warnings { get; }

    public static ServiceCatalog Load(string path)
    {
        var warnings = new List<string>();
        var services = new List<CatalogService>();
        // Like a runbook, the catalog is read only if it stays inside its folder once links are followed.
        var realPath = RealPaths.Resolve(path);
        var realFolder = RealPaths.Resolve(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".");
        if (realPath is null || realFolder is null || !RealPaths.IsInside(realPath, realFolder))
        {
            warnings.Add(realPath is null ? "skipped: a symbolic link that loops or cannot be followed" : "skipped: a symbolic link to a file outside its folder");
            return new ServiceCatalog(path, services, warnings);
        }

        string text;
        try
        {
            text = File.ReadAllText(realPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            warnings.Add($"cannot be read ({ex.Message})");
            return new ServiceCatalog(path, services, warnings);
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            warnings.Add($"not valid YAML at line {ex.Start.Line} ({ex.Message.Split('\n')[0]}); documents before it were read");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, not a YamlException, for some unterminated constructs.
            warnings.Add("not valid YAML (an unterminated list, mapping or quote); documents before it were read");
        }

        for (var i = 0; i < stream.Documents.Count; i++)
        {
            if (stream.Documents[i].RootNode is not YamlMappingNode entity)
            {
                warnings.Add($"document {i + 1} is not a mapping; skipped");
                continue;
            }

            var service = Read(entity);
            if (service is null)
                warnings.Add($"document {i + 1} has no metadata.name; skipped");
            else
                services.Add(service);
        }

        return new ServiceCatalog(path, services, warnings);
    }

    public CatalogService? Find(string name) => _byName.GetValueOrDefault(name.Trim());

    public CatalogService? FindByPagerDutyService(string serviceId) =>
        Services.FirstOrDefault(s => string.Equals(s.PagerDutyServiceId, serviceId, StringComparison.Ordinal));

    private static CatalogService? Read(YamlMappingNode entity)
    {
        var metadata = Child<YamlMappingNode>(entity, "metadata");
        var name = Text(metadata, "name");
        if (metadata is null || string.IsNullOrWhiteSpace(name))
            return null;
        var spec = Child<YamlMappingNode>(entity, "spec");
        var annotations = Child<YamlMappingNode>(metadata, "annotations");
        var links = Child<YamlSequenceNode>(metadata, "links")?.Children
            .OfType<YamlMappingNode>()
            .Select(link => (Url: Text(link, "url"), Title: Text(link, "title"), Type: Text(link, "type")))
            .Where(link => !string.IsNullOrWhiteSpace(link.Url))
            .Select(link => new CatalogLink(link.Url!, link.Title, link.Type))
            .ToList() ?? [];
        var dependsOn = Child<YamlSequenceNode>(spec, "dependsOn")?.Children
            .OfType<YamlScalarNode>()
            .Select(node => node.Value)
            .OfType<string>()
            .ToList() ?? [];
        return new CatalogService(
            name,
            Text(entity, "kind") ?? "Component",
            Text(metadata, "title"),
            Text(metadata, "description"),
            OwnerName(Text(spec, "owner")),
            Text(spec, "system"),
            Text(spec, "type"),
            Text(spec, "lifecycle"),
            Text(annotations, RepoAnnotation),
            Text(annotations, PagerDutyAnnotation),
            Text(annotations, NamespaceAnnotation),
            Text(annotations, LabelSelectorAnnotation),
            links,
            dependsOn);
    }

    /// <summary>Backstage owners are entity references: <c>group:default/team-payments</c> means <c>team-payments</c>.</summary>
    private static string? OwnerName(string? owner)
    {
        if (string.IsNullOrWhiteSpace(owner))
            return null;
        var name = owner[(owner.IndexOf(':', StringComparison.Ordinal) + 1)..];
        return name[(name.LastIndexOf('/') + 1)..];
    }

    private static T? Child<T>(YamlMappingNode? node, string key)
        where T : YamlNode =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child as T : null;

    private static string? Text(YamlMappingNode? node, string key) =>
        Child<YamlScalarNode>(node, key)?.Value is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
