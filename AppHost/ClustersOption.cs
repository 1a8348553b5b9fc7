using System.Text.RegularExpressions;
using SreSuite.Scenarios;

namespace SreSuite.AppHost;

/// <summary>One demo cluster: the kubeconfig context InfraTools knows it by, and the scenario its API server plays.</summary>
internal sealed record DemoCluster(string Context, Scenario Scenario);

/// <summary>
/// <c>--clusters production=payments-deploy-crashloop,staging=cart-oom-kill</c> starts one demo API server per entry and
/// gives InfraTools all of them as contexts of one kubeconfig (issue 17), so the same question can be asked of each.
/// The first entry is the default context; no context is writable (<c>Kubernetes__WriteContexts</c> opts one in).
/// </summary>
internal static partial class ClustersOption
{
    /// <summary>
    /// Removes <c>--clusters</c> from <paramref name="args"/> and resolves each entry's scenario. Returns an exit code
    /// when the option is refused (one line naming what was wrong); null to go on, with <paramref name="clusters"/>
    /// empty when the option was not given.
    /// </summary>
    public static int? TryHandle(ref string[] args, out IReadOnlyList<DemoCluster> clusters)
    {
        clusters = [];
        if (!CommandLineOption.Take(ref args, "--clusters", out var value))
            return null;
        try
        {
            clusters = Parse(value);
            return null;
        }
        catch (ScenarioFormatException ex)
        {
            Console.Error.WriteLine($"--clusters: {ex.Message}");
            return 2;
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"--clusters: {ex.Message}");
            return 2;
        }
    }

    /// <summary>Parses <c>context=scenario,context=scenario</c>: two or more, distinct context names that a kubeconfig and an enum accept.</summary>
    public static IReadOnlyList<DemoCluster> Parse(string? value)
    {
        const string usage = "give two or more context=scenario pairs, e.g. --clusters production=payments-deploy-crashloop,staging=cart-oom-kill";
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException(usage);
        var clusters = new List<DemoCluster>();
        foreach (var entry in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == entry.Length - 1)
                throw new ArgumentException($"'{entry}' is not context=scenario; {usage}");
            var context = entry[..equals].Trim();
            if (!ContextName().IsMatch(context))
                throw new ArgumentException($"context '{context}' must be lower-case letters, digits and '-' (at most 40), starting with a letter");
            if (clusters.Any(c => c.Context == context))
                throw new ArgumentException($"context '{context}' is named twice");
            clusters.Add(new DemoCluster(context, ScenarioCatalog.Load(entry[(equals + 1)..].Trim(), DateTimeOffset.UtcNow)));
        }

        if (clusters.Count < 2)
            throw new ArgumentException(usage);
        return clusters;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex ContextName();
}
