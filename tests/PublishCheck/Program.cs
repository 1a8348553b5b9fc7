using System.Globalization;
using SreSuite.PublishCheck;

// Checks the published binaries (Native AOT InfraTools and ObservabilityTools, ReadyToRun IncidentTools) as clients
// use them: over stdio through the SDK's client and over HTTP, against the demo backends.
// dotnet run -c Release --project tests/PublishCheck [-- --published artifacts/publish]
var published = Path.Combine(Repository.Root, "artifacts", "publish");
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--published" && i + 1 < args.Length)
    {
        published = Path.GetFullPath(args[++i]);
    }
    else
    {
        await Console.Error.WriteLineAsync($"unknown argument '{args[i]}'; usage: [--published artifacts/publish]");
        return 2;
    }
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
var log = new CheckLog();
await using (var backends = await DemoBackends.StartAsync(stop.Token))
{
    foreach (var checks in ServerChecks.For(backends))
        await PublishedServerChecks.RunAsync(PublishedServer.In(published, checks.Server), checks, log, stop.Token);
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"publish-check: {log.Passed} passed, {log.Failed} failed"));
return log.Failed == 0 ? 0 : 1;
