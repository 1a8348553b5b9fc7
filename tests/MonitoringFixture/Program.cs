using System.Globalization;
using System.Runtime.InteropServices;
using SreSuite.MonitoringFixture;

// dotnet run --project tests/MonitoringFixture -- --out <dir> [--now <RFC 3339>] [--run]
//   --out   where to write history.om.txt, prometheus-data/, rules.yml, prometheus.yml, alertmanager.yml
//   --now   the end of the 24 h history (default: now)
//   --run   also start Alertmanager, the live exporter and Prometheus, seed the alerts, and run until Ctrl-C
string? output = null;
var now = DateTimeOffset.UtcNow;
var run = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--out" when i + 1 < args.Length:
            output = args[++i];
            break;
        case "--now" when i + 1 < args.Length:
            if (!DateTimeOffset.TryParse(args[++i], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out now))
                return Fail($"--now: '{args[i]}' is not an RFC 3339 time");
            break;
        case "--run":
            run = true;
            break;
        default:
            return Fail($"unknown argument '{args[i]}'");
    }
}

if (output is null)
    return Fail("--out <dir> is required");

using var stop = new CancellationTokenSource();
// Ctrl-C and SIGTERM (an orchestrator stopping the demo) both stop Prometheus and Alertmanager first.
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

if (!run)
{
    var story = new DemoStory(now);
    var files = await DemoData.GenerateAsync(Path.GetFullPath(output), story, new MonitoringEndpoints(9090, 9093, 9100, 9101), TimeSpan.FromSeconds(15), stop.Token);
    Console.WriteLine($"history {PromTimes.Format(story.HistoryStart)} to {PromTimes.Format(story.Now)}, deploy at {PromTimes.Format(story.Deploy)}");
    Console.WriteLine($"wrote {files.OpenMetrics}, {files.PrometheusData}, {files.Rules}, {files.PrometheusConfig}, {files.AlertmanagerConfig}");
    return 0;
}

await using var stack = await DemoMonitoring.StartAsync(Path.GetFullPath(output), now, TimeSpan.FromSeconds(15), stop.Token);
Console.WriteLine($"PROMETHEUS_URL={stack.PrometheusUrl}");
Console.WriteLine($"ALERTMANAGER_URL={stack.AlertmanagerUrl}");
Console.WriteLine($"deploy at {PromTimes.Format(stack.Story.Deploy)}; {DemoStory.PaymentsAlert} is firing. Ctrl-C stops everything.");
using var http = new HttpClient { BaseAddress = stack.AlertmanagerUrl };
try
{
    while (!stop.IsCancellationRequested)
    {
        await Task.Delay(TimeSpan.FromMinutes(1), stop.Token);
        await AlertmanagerSeed.PostAlertsAsync(http, stack.Story, stop.Token);
    }
}
catch (OperationCanceledException)
{
}

return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

static int Fail(string message)
{
    Console.Error.WriteLine($"MonitoringFixture: {message}");
    Console.Error.WriteLine("usage: dotnet run --project tests/MonitoringFixture -- --out <dir> [--now <RFC 3339>] [--run]");
    return 2;
}

internal static class PromTimes
{
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
