using System.Diagnostics;
using System.Globalization;
using System.Text;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SreSuite.Harness;

namespace SreSuite.Bench;

/// <summary>
/// Spawn-to-initialize over stdio, as a client sees it: from creating the SDK's <see cref="StdioClientTransport"/>
/// (which starts the server process) until <see cref="McpClient.CreateAsync"/> returns with the server's
/// <c>initialize</c> answer. Each server's JIT build, run as the README registers it (<c>dotnet Server.dll --stdio</c>),
/// against its published binary (Native AOT; ReadyToRun for IncidentTools), runs interleaved after one warm-up each.
/// </summary>
internal sealed class StartupSection : IBenchmarkSection
{
    public string Name => "startup";

    public string Title => "Startup over stdio: JIT build against Native AOT and ReadyToRun";

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        // Five in the short run CI takes: its median holds with two slow runs of five (three: one), and CI's machine is shared.
        var runs = options.Short ? 5 : 7;
        var loadBefore = LoadAverage();
        var table = new StringBuilder();
        table.AppendLine("| Server | Build | Size | Median | Min | Max | Median vs JIT |");
        table.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var published in PublishedBinary.All)
        {
            var binary = await published.EnsureAsync(cancellationToken);
            var jit = new Launch($"JIT (`dotnet {published.Server}.dll`)", "dotnet", [Repository.ServerAssembly(published.Server), "--stdio"]);
            var ahead = new Launch(published.Kind, binary, ["--stdio"]);
            await TimeAsync(published.Server, jit, cancellationToken);
            await TimeAsync(published.Server, ahead, cancellationToken);
            var jitTimes = new List<double>();
            var aheadTimes = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                jitTimes.Add(await TimeAsync(published.Server, jit, cancellationToken));
                aheadTimes.Add(await TimeAsync(published.Server, ahead, cancellationToken));
            }

            var jitMedian = Median(jitTimes);
            table.AppendLine(Row(published.Server, jit.Build, "", jitTimes, ""));
            table.AppendLine(Row(published.Server, ahead.Build, $"{published.Size / 1_000_000.0:F1} MB", aheadTimes, $"{Median(aheadTimes) / jitMedian:P0}"));
        }

        table.AppendLine();
        table.AppendLine(CultureInfo.InvariantCulture,
            $"Median of {runs} runs each, interleaved, after one warm-up; milliseconds from creating the SDK's `StdioClientTransport` (which spawns the server) until `McpClient.CreateAsync` returns with the `initialize` answer, no backends configured. Load average {loadBefore} before, {LoadAverage()} after: on a busy machine every figure grows.");
        table.AppendLine("Published with " + string.Join(", ", PublishedBinary.All.Select(p => $"`{p.PublishCommand}`")) + "; Size is the AOT file, or the ReadyToRun folder without symbols.");
        return table.ToString();
    }

    private static async Task<double> TimeAsync(string server, Launch launch, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = server,
            Command = launch.Command,
            Arguments = launch.Arguments,
            WorkingDirectory = Repository.Root,
            EnvironmentVariables = Settings,
            ShutdownTimeout = TimeSpan.FromSeconds(5),
        });
        await using var client = await McpClient.CreateAsync(transport, ClientOptions, cancellationToken: cancellationToken);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (client.ServerInfo?.Name != server)
            throw new InvalidOperationException($"{launch.Command} answered initialize as {client.ServerInfo?.Name}, not {server}");
        return elapsed;
    }

    private static string Row(string server, string build, string size, List<double> times, string ratio) => string.Create(CultureInfo.InvariantCulture,
        $"| {server} | {build} | {size} | {Median(times):F0} ms | {times.Min():F0} ms | {times.Max():F0} ms | {ratio} |");

    private static double Median(List<double> times) => Measurements.Median(times);

    private static string LoadAverage() => Measurements.LoadAverage();

    private static McpClientOptions ClientOptions => new() { ClientInfo = new Implementation { Name = "sresuite-bench", Version = "1.0" } };

    /// <summary>No backend: start-up is the server's own work, never a network call.</summary>
    private static Dictionary<string, string?> Settings => McpClients.IsolatedEnvironment([new("DOTNET_ENVIRONMENT", "Production")]);

    private sealed record Launch(string Build, string Command, IList<string> Arguments);
}
