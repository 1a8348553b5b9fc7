using System.Globalization;
using SreSuite.KubeFixture;

// dotnet run --project demo/KubeFixture -- [--port 6443] [--now 2026-03-01T12:00:00Z] [--metrics available|absent|unavailable] [--kubeconfig path] [--context demo] [--https]
//   [--scenario <library name or folder>]   (default: the library's payments-deploy-crashloop)
var options = new KubeFixtureOptions();
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--port" when int.TryParse(value, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535:
            options.Port = port;
            i++;
            break;
        case "--now" when DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var now):
            options.Now = now;
            i++;
            break;
        case "--metrics" when Enum.TryParse<MetricsServer>(value, ignoreCase: true, out var metrics):
            options.Metrics = metrics;
            i++;
            break;
        case "--scenario" when !string.IsNullOrWhiteSpace(value):
            options.Scenario = value;
            i++;
            break;
        case "--context" when !string.IsNullOrWhiteSpace(value):
            options.ContextName = value;
            i++;
            break;
        case "--https":
            options.Https = true;
            break;
        case "--kubeconfig" when !string.IsNullOrWhiteSpace(value):
            options.KubeconfigPath = Path.GetFullPath(value);
            i++;
            break;
        default:
            Console.Error.WriteLine($"KubeFixture: unknown or incomplete argument '{args[i]}'. Usage: --port N --now ISO-8601 --metrics available|absent|unavailable --kubeconfig PATH --context NAME --https --scenario NAME|FOLDER");
            return 2;
    }
}

KubeFixtureServer server;
try
{
    server = await KubeFixtureServer.StartAsync(options);
}
catch (SreSuite.Scenarios.ScenarioFormatException ex)
{
    // One line naming the file and the field, and nothing listens.
    Console.Error.WriteLine($"KubeFixture: {ex.Message}");
    return 2;
}
catch (IOException ex)
{
    Console.Error.WriteLine($"KubeFixture: cannot listen on 127.0.0.1:{options.Port} ({ex.InnerException?.Message ?? ex.Message}); pick another --port, or 0 for any.");
    return 1;
}

await using var running = server;
Console.WriteLine($"Kubernetes fixture API server listening on {server.Url}");
Console.WriteLine($"kubeconfig: {server.KubeconfigPath}");
Console.WriteLine(server.ScenarioCluster is { } played
    ? $"{played.Describe(server.Store)}, around {server.Now:O}; press Ctrl+C to stop"
    : $"generated cluster around {server.Now:O}: {server.Store.Count(SreSuite.KubeFixture.Api.ApiResources.Pods)} pods; press Ctrl+C to stop");

// Ctrl-C and SIGTERM end it cleanly (the kubeconfig it wrote is removed).
await server.WaitForShutdownAsync();
return 0;
