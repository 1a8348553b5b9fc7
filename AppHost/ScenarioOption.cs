using SreSuite.Scenarios;

namespace SreSuite.AppHost;

/// <summary>
/// <c>--scenario &lt;name or folder&gt;</c> picks the incident the demo fixtures play (a library name or any folder
/// following docs/scenarios.md); <c>--scenario list</c> lists the library. The scenario is loaded once here, so a
/// malformed file stops the AppHost before anything starts, with one line naming the file and field.
/// </summary>
internal static class ScenarioOption
{
    /// <summary>
    /// Removes <c>--scenario</c> from <paramref name="args"/> and resolves it. Returns an exit code when the command is
    /// done (listed, or refused); null to go on starting the demo with <paramref name="scenario"/>.
    /// </summary>
    public static int? TryHandle(ref string[] args, out Scenario? scenario)
    {
        scenario = null;
        if (CommandLineOption.Take(ref args, "--scenario", out var requested) && string.IsNullOrWhiteSpace(requested))
        {
            Console.Error.WriteLine("--scenario needs a scenario name, a folder path, or 'list'");
            return 2;
        }

        if (requested == "list")
        {
            foreach (var name in ScenarioCatalog.Names())
            {
                try
                {
                    var loaded = ScenarioCatalog.Load(name, DateTimeOffset.UtcNow);
                    Console.WriteLine($"{name,-36} {loaded.FaultClass,-20} {FirstSentence(loaded.Description)}");
                }
                catch (ScenarioFormatException ex)
                {
                    Console.WriteLine($"{name,-36} INVALID: {ex.Message}");
                }
            }

            Console.WriteLine($"(library: {ScenarioCatalog.LibraryFolder}; default: {ScenarioCatalog.DefaultName}; any folder works: --scenario ./my-incident)");
            return 0;
        }

        try
        {
            scenario = ScenarioCatalog.Load(requested, DateTimeOffset.UtcNow);
            return null;
        }
        catch (ScenarioFormatException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
    }

    private static string FirstSentence(string text)
    {
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        var sentence = end > 0 ? text[..(end + 1)] : text;
        return sentence.Length > 100 ? sentence[..99] + "…" : sentence;
    }
}
