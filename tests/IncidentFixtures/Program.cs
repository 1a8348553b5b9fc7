using System.Globalization;
using SreSuite.IncidentFixtures;

// Runs the fixtures on their own: dotnet run --project tests/IncidentFixtures -- --port 0 [--token-prefix demo]
var port = 0;
string? tokenPrefix = null;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port):
            i++;
            break;
        case "--token-prefix" when !string.IsNullOrWhiteSpace(value):
            tokenPrefix = value;
            i++;
            break;
        default:
            await Console.Error.WriteLineAsync($"IncidentFixtures: unknown or incomplete argument '{args[i]}'. Usage: --port N --token-prefix TEXT");
            return 2;
    }
}

await using var fixture = await IncidentFixture.StartAsync(port, tokenPrefix: tokenPrefix);
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
