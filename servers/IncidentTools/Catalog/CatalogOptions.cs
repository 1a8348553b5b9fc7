namespace SreSuite.IncidentTools.Catalog;

/// <summary>Where the service catalog lives: a YAML file mapping services to owners, repos and namespaces.</summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// <summary>The file, absolute or relative to the working directory; <c>Catalog__Path</c>.</summary>
    public string Path { get; set; } = "samples/catalog.yaml";

    public string FullPath => System.IO.Path.GetFullPath(Path);
}
