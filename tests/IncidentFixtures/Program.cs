using System.Globalization;
using SreSuite.IncidentFixtures;

// Runs the fixtures on their own: dotnet run --project tests/IncidentFixtures -- --port 0
var port = 0;
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--port" && !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out port))
    {
        await Console.Error.WriteLineAsync($"--port: '{args[i + 1]}' is not a port number");
        return 2;
    }
}

await using var fixture = await IncidentFixture.StartAsync(port);
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
