using System.Globalization;
using SreSuite.KubeFixture;

// dotnet run --project tests/KubeFixture -- [--port 6443] [--now 2026-03-01T12:00:00Z] [--metrics available|absent|unavailable] [--kubeconfig path]
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
        case "--kubeconfig" when !string.IsNullOrWhiteSpace(value):
            options.KubeconfigPath = Path.GetFullPath(value);
            i++;
            break;
        default:
            Console.Error.WriteLine($"KubeFixture: unknown or incomplete argument '{args[i]}'. Usage: --port N --now ISO-8601 --metrics available|absent|unavailable --kubeconfig PATH");
            return 2;
    }
}

await using var server = await KubeFixtureServer.StartAsync(options);
Console.WriteLine($"Kubernetes fixture API server listening on {server.Url}");
Console.WriteLine($"kubeconfig: {server.KubeconfigPath}");
Console.WriteLine($"demo cluster around {server.Now:O}: {server.Store.Count(SreSuite.KubeFixture.Api.ApiResources.Pods)} pods; press Ctrl+C to stop");

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

return 0;
