using System.Diagnostics;
using SreSuite.Harness;

namespace SreSuite.Bench;

/// <summary>
/// A server's published stdio binary under <c>artifacts/publish/&lt;Server&gt;/</c>, as <c>.ci/aot-check</c> and the
/// README publish it; published again when it is missing or older than any of its sources.
/// </summary>
internal sealed record PublishedBinary(string Server, string Kind, string PublishProperty)
{
    public static IReadOnlyList<PublishedBinary> All { get; } =
    [
        new("InfraTools", "Native AOT", "PublishAot"),
        new("ObservabilityTools", "Native AOT", "PublishAot"),
        // Octokit reads its models by reflection and breaks when trimmed: precompiled, self-contained and trimmed with
        // Octokit kept whole (servers/IncidentTools/IncidentTools.csproj).
        new("IncidentTools", "ReadyToRun", "PublishReadyToRun"),
    ];

    public string Folder => Path.Combine(Repository.Root, "artifacts", "publish", Server);

    public string Binary => Path.Combine(Folder, Server);

    public string PublishCommand => $"dotnet publish servers/{Server} -c Release -r linux-x64 -p:{PublishProperty}=true -o artifacts/publish/{Server}";

    /// <summary>Returns the binary's path, publishing it first when it is missing or stale.</summary>
    public async Task<string> EnsureAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(Binary) && File.GetLastWriteTimeUtc(Binary) >= NewestSource())
            return Binary;

        Console.WriteLine($"{Server}: {(File.Exists(Binary) ? "published binary is older than its sources" : "not published yet")}; $ {PublishCommand}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in PublishCommand.Split(' ').Skip(1))
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet publish");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 || !File.Exists(Binary))
        {
            var lines = ((await output) + (await errors)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            throw new InvalidOperationException($"{PublishCommand} failed ({process.ExitCode}):\n{string.Join('\n', lines.TakeLast(20))}");
        }

        return Binary;
    }

    /// <summary>Bytes of what a client needs to run it: the single AOT file, or the ReadyToRun folder.</summary>
    public long Size => Kind == "Native AOT"
        ? new FileInfo(Binary).Length
        : new DirectoryInfo(Folder).EnumerateFiles("*", SearchOption.AllDirectories).Where(f => f.Extension is not (".pdb" or ".dbg" or ".xml")).Sum(f => f.Length);

    private DateTime NewestSource()
    {
        string[] folders = [Path.Combine(Repository.Root, "servers", Server), Path.Combine(Repository.Root, "ServiceDefaults")];
        string[] files = ["Directory.Build.props", "Directory.Packages.props", "global.json", Path.Combine("servers", "Directory.Build.props")];
        return folders
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Where(file => !IsBuildOutput(file))
            .Concat(files.Select(file => Path.Combine(Repository.Root, file)))
            .Max(File.GetLastWriteTimeUtc);
    }

    private static bool IsBuildOutput(string file) =>
        file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal);
}
