namespace SreSuite.AppHost.Tests;

/// <summary>A published layout (<c>&lt;Server&gt;/&lt;Server&gt;</c>) whose binaries are the servers' own builds.</summary>
internal sealed class PublishedFolder : IDisposable
{
    public static IReadOnlyList<string> Servers { get; } = ["InfraTools", "ObservabilityTools", "IncidentTools"];

    public PublishedFolder()
    {
        foreach (var server in Servers)
        {
            var folder = Directory.CreateDirectory(System.IO.Path.Combine(Path, server)).FullName;
            File.CreateSymbolicLink(System.IO.Path.Combine(folder, server), System.IO.Path.ChangeExtension(Repository.ServerAssembly(server), null));
        }
    }

    public string Path { get; } = Directory.CreateTempSubdirectory("sresuite-published-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
