namespace SreSuite.AppHost;

/// <summary>Files of the repository the AppHost hands to the servers as absolute paths.</summary>
internal sealed record SuitePaths(string Root, string Runbooks, string Catalog)
{
    public static SuitePaths Samples(string appHostDirectory)
    {
        var root = Path.GetFullPath(Path.Combine(appHostDirectory, ".."));
        var samples = Path.Combine(root, "samples");
        return new SuitePaths(root, Path.Combine(samples, "runbooks"), Path.Combine(samples, "catalog.yaml"));
    }
}
