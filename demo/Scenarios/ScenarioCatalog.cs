namespace SreSuite.Scenarios;

/// <summary>The scenario library (<c>demo/scenarios/</c>, copied beside every program that plays it) and name-or-path lookup.</summary>
public static class ScenarioCatalog
{
    /// <summary>The scenario the demo plays when none is named.</summary>
    public const string DefaultName = "payments-deploy-crashloop";

    /// <summary>
    /// The library folder: <c>demo/scenarios</c> of the checkout the program runs from (so a folder added there plays
    /// without a rebuild), else the copy next to the program (a published or copied build).
    /// </summary>
    public static string LibraryFolder { get; } = FindLibrary();

    /// <summary>Every folder in the library that has a scenario.yaml, by name.</summary>
    public static IReadOnlyList<string> Names() => Directory.Exists(LibraryFolder)
        ? [.. Directory.EnumerateDirectories(LibraryFolder).Where(d => File.Exists(Path.Combine(d, "scenario.yaml"))).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
        : [];

    /// <summary>A library name (<c>payments-deploy-crashloop</c>) or a path to any folder holding a scenario.yaml.</summary>
    public static string Resolve(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        if (nameOrPath.Contains('/', StringComparison.Ordinal) || nameOrPath.Contains('\\', StringComparison.Ordinal) || nameOrPath.StartsWith('.'))
        {
            var full = Path.GetFullPath(nameOrPath);
            return File.Exists(Path.Combine(full, "scenario.yaml"))
                ? full
                : throw new ScenarioFormatException($"scenario folder {full} has no scenario.yaml");
        }

        var inLibrary = Path.Combine(LibraryFolder, nameOrPath);
        return File.Exists(Path.Combine(inLibrary, "scenario.yaml"))
            ? inLibrary
            : throw new ScenarioFormatException($"no scenario named '{nameOrPath}' in {LibraryFolder} (known: {string.Join(", ", Names())}); give a name or a folder path");
    }

    /// <summary>Loads a scenario by name or path around <paramref name="now"/>.</summary>
    public static Scenario Load(string? nameOrPath, DateTimeOffset now) => ScenarioLoader.Load(Resolve(nameOrPath ?? DefaultName), now);

    private static string FindLibrary()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "demo", "scenarios");
            if (Directory.Exists(candidate))
                return candidate;
        }

        return Path.Combine(AppContext.BaseDirectory, "scenarios");
    }
}
