namespace SreSuite.Harness;

/// <summary>Paths inside the repository the tests run from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples");

    /// <summary>The build output of a server, built by the test project's reference to it.</summary>
    public static string ServerAssembly(string serverName) =>
        Path.Combine(Root, "servers", serverName, "bin", BuildConfiguration, "net10.0", $"{serverName}.dll");

#if DEBUG
    public const string BuildConfiguration = "Debug";
#else
    public const string BuildConfiguration = "Release";
#endif

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SreSuite.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"SreSuite.sln not found above {AppContext.BaseDirectory}");
    }
}
