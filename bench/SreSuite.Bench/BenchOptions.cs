using System.Globalization;

namespace SreSuite.Bench;

/// <summary>Command line: <c>[--short] [--only name[,name]] [--scenarios name[,name]] [--out path]</c>.</summary>
/// <param name="Scenarios">The scenario folders the scenario evaluation walks; empty walks all (or, with --short, the small ones).</param>
internal sealed record BenchOptions(bool Short, IReadOnlySet<string> Only, string OutputPath, IReadOnlyList<string> Scenarios)
{
    public static BenchOptions Parse(string[] args, string defaultOutput)
    {
        var isShort = false;
        var only = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var output = defaultOutput;
        var scenarios = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--short":
                    isShort = true;
                    break;
                case "--only" when i + 1 < args.Length:
                    only.UnionWith(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--scenarios" when i + 1 < args.Length:
                    scenarios.AddRange(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--out" when i + 1 < args.Length:
                    output = Path.GetFullPath(args[++i]);
                    break;
                default:
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"unknown argument '{args[i]}'; usage: [--short] [--only tokens,latency,load,startup,peers,scale,scenarios,contexts] [--scenarios name1,name2] [--out docs/benchmarks.md]"));
            }
        }

        return new BenchOptions(isShort, only, output, scenarios);
    }

    public bool Includes(string section) => Only.Count == 0 || Only.Contains(section);

    /// <summary>A duration that is shorter in the CI's short run, which proves the benchmark still works.</summary>
    public TimeSpan Duration(TimeSpan full) => Short ? TimeSpan.FromTicks(Math.Max(full.Ticks / 10, TimeSpan.FromSeconds(1).Ticks)) : full;
}
