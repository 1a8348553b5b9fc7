using System.Diagnostics;
using System.Globalization;
using System.Text;
using SreSuite.Bench;
using SreSuite.Harness;

// dotnet run -c Release --project bench/SreSuite.Bench [-- --short] [--only tokens,latency,load,startup,peers,scale,scenarios,contexts] [--scenarios name1,name2]
BenchOptions options;
try
{
    options = BenchOptions.Parse(args, Path.Combine(Repository.Root, "docs", "benchmarks.md"));
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

// Started on first use, so a run with --only startup needs no fixtures.
BenchEnvironment? environment = null;
async Task<BenchEnvironment> SharedEnvironment() => environment ??= await BenchEnvironment.StartAsync(CancellationToken.None);

IBenchmarkSection[] sections =
[
    new TokenEconomySection(SharedEnvironment),
    new LatencySection(SharedEnvironment),
    new LoadSection(SharedEnvironment),
    new StartupSection(),
    new SreSuite.Bench.Peers.PeersSection(SharedEnvironment),
    new TriageScaleSection(),
    new SreSuite.Bench.Scenarios.ScenarioEvalSection(),
    new ContextSwitchSection(),
];

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
var clock = Stopwatch.StartNew();
var report = new StringBuilder();
report.AppendLine("# SreSuite benchmarks").AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Generated {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC by `dotnet run -c Release --project bench/SreSuite.Bench{(args.Length > 0 ? " -- " + string.Join(' ', args) : string.Empty)}`");
report.AppendLine(CultureInfo.InvariantCulture, $"on {Environment.ProcessorCount} cores, {MachineMemory()}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}.");
report.AppendLine("Token counts are estimated as bytes / 4.").AppendLine();

var failed = false;
foreach (var section in sections.Where(s => options.Includes(s.Name)))
{
    Console.WriteLine($"== {section.Title}");
    try
    {
        var markdown = await section.RunAsync(options, stop.Token);
        Console.WriteLine(markdown);
        report.AppendLine(CultureInfo.InvariantCulture, $"## {section.Title}").AppendLine().AppendLine(markdown.TrimEnd()).AppendLine();
    }
    catch (Exception ex) when (ex is not OperationCanceledException)
    {
        failed = true;
        await Console.Error.WriteLineAsync($"{section.Name} failed: {ex}");
        report.AppendLine(CultureInfo.InvariantCulture, $"## {section.Title}").AppendLine().AppendLine($"Failed: {ex.Message}").AppendLine();
    }
}

if (environment is not null)
    await environment.DisposeAsync();
report.AppendLine(CultureInfo.InvariantCulture, $"Total run time: {clock.Elapsed.TotalMinutes:F1} min.");
Directory.CreateDirectory(Path.GetDirectoryName(options.OutputPath)!);
await File.WriteAllTextAsync(options.OutputPath, report.ToString());
Console.WriteLine($"wrote {options.OutputPath} in {clock.Elapsed.TotalMinutes:F1} min");
return failed ? 1 : 0;

static string MachineMemory()
{
    var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
    var kb = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
    return kb is null ? "unknown memory" : string.Create(CultureInfo.InvariantCulture, $"{long.Parse(kb, CultureInfo.InvariantCulture) / 1024 / 1024} GiB");
}
