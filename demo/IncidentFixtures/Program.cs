using System.Globalization;
using SreSuite.IncidentFixtures;
using SreSuite.Scenarios;

// Runs the fixtures on their own:
// dotnet run --project demo/IncidentFixtures -- --port 0 [--scenario <name or folder>] [--now 2026-03-01T12:00:00Z] [--token-prefix demo]
var port = 0;
string? tokenPrefix = null;
string? scenarioName = null;
DateTimeOffset? now = null;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port):
            i++;
            break;
        case "--now" when DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed):
            now = parsed;
            i++;
            break;
        case "--scenario" when !string.IsNullOrWhiteSpace(value):
            scenarioName = value;
            i++;
            break;
        case "--token-prefix" when !string.IsNullOrWhiteSpace(value):
            tokenPrefix = value;
            i++;
            break;
        default:
            await Console.Error.WriteLineAsync($"IncidentFixtures: unknown or incomplete argument '{args[i]}'. Usage: --port N --scenario NAME|FOLDER --now RFC3339 --token-prefix TEXT");
            return 2;
    }
}

Scenario scenario;
try
{
    scenario = ScenarioCatalog.Load(scenarioName, now ?? DateTimeOffset.UtcNow);
}
catch (ScenarioFormatException ex)
{
    // A malformed scenario stops the start with the loader's one line naming the file and field.
    await Console.Error.WriteLineAsync($"IncidentFixtures: {ex.Message}");
    return 2;
}

await using var fixture = await IncidentFixture.StartAsync(port, now, tokenPrefix, scenario);
Console.WriteLine($"IncidentFixtures listening on {fixture.BaseUrl}");
Console.WriteLine(fixture.Describe());
try
{
    await Task.Delay(Timeout.Infinite, fixture.Stopping);
}
catch (OperationCanceledException)
{
}

return 0;
