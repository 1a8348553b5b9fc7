using System.Globalization;
using System.Runtime.InteropServices;
using SreSuite.MonitoringFixture;

// dotnet run --project demo/MonitoringFixture -- --out <dir> [options]
//   --now <RFC 3339>        the run's now, onto which the scenario's times are moved (default: now)
//   --prometheus-port <n>   ports written into prometheus.yml (defaults 9090, 9093, 9100): where Prometheus,
//   --alertmanager-port <n> Alertmanager and the live exporter will listen
//   --exporter-port <n>
//   --serve                 then serve the live exporter on --exporter-port and keep the demo alerts and
//                           silences posted to Alertmanager on --alertmanager-port, until Ctrl-C
//   --run                   instead start Alertmanager, the exporter and Prometheus on free ports, until Ctrl-C
//   --scenario <name|path>  the scenario played: its series, rules, alerts and silences (default: payments-deploy-crashloop)
string? output = null;
string? scenario = null;
var now = DateTimeOffset.UtcNow;
var mode = "generate";
var ports = new Dictionary<string, int> { ["--prometheus-port"] = 9090, ["--alertmanager-port"] = 9093, ["--exporter-port"] = 9100 };
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--out" when value is not null:
            output = value;
            i++;
            break;
        case "--now" when value is not null:
            if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out now))
                return Fail($"--now: '{value}' is not an RFC 3339 time");
            i++;
            break;
        case var port when ports.ContainsKey(port) && value is not null:
            if (!int.TryParse(value, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
                return Fail($"{port}: '{value}' is not a port");
            ports[port] = number;
            i++;
            break;
        case "--scenario" when value is not null:
            scenario = value;
            i++;
            break;
        case "--serve" or "--run":
            mode = args[i][2..];
            break;
        default:
            return Fail($"unknown argument '{args[i]}'");
    }
}

if (output is null)
    return Fail("--out <dir> is required");

using var stop = new CancellationTokenSource();
// Ctrl-C and SIGTERM (an orchestrator stopping the demo) both stop what this process started.
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
var directory = Path.GetFullPath(output);

SreSuite.Scenarios.Scenario played;
try
{
    played = SreSuite.Scenarios.ScenarioCatalog.Load(scenario, now);
}
catch (SreSuite.Scenarios.ScenarioFormatException ex)
{
    return Fail(ex.Message);
}

if (mode == "run")
{
    await using var monitoring = await DemoMonitoring.StartAsync(directory, played, TimeSpan.FromSeconds(15), stop.Token);
    Console.WriteLine($"PROMETHEUS_URL={monitoring.PrometheusUrl}");
    Console.WriteLine($"ALERTMANAGER_URL={monitoring.AlertmanagerUrl}");
    Console.WriteLine($"scenario {played.Name} ({played.FaultClass}) is playing. Ctrl-C stops everything.");
    await KeepAlertsPostedAsync(monitoring.AlertmanagerUrl, played, seed: false, stop.Token);
    return 0;
}

var endpoints = new MonitoringEndpoints(ports["--prometheus-port"], ports["--alertmanager-port"], ports["--exporter-port"], ManagedProcess.FreePort());
DemoDataFiles files;
try
{
    files = await DemoData.GenerateAsync(directory, played, endpoints, TimeSpan.FromSeconds(15), stop.Token);
}
catch (SreSuite.Scenarios.ScenarioFormatException ex)
{
    return Fail(ex.Message);
}

var series = ScenarioMetrics.For(played);
Console.WriteLine($"scenario {played.Name}: {series.Count} series up to {PromTimes.Format(played.Clock.Now)}, {played.AlertRules.Count} alerting rules");
Console.WriteLine($"wrote {files.OpenMetrics}, {files.PrometheusData}, {string.Join(", ", files.Rules)}, {files.PrometheusConfig}, {files.AlertmanagerConfig}");
Console.WriteLine("start Prometheus with --rules.alert.for-grace-period=1m so it restores the scenario's firing alerts");
if (mode == "serve")
{
    await using var exporter = new LiveExporter(series, endpoints.ExporterPort);
    Console.WriteLine($"serving the live exporter on http://127.0.0.1:{endpoints.ExporterPort}/metrics. Ctrl-C stops it.");
    await KeepAlertsPostedAsync(new Uri($"http://127.0.0.1:{endpoints.AlertmanagerPort}"), played, seed: true, stop.Token);
}

return 0;

// Alertmanager forgets alerts that are not re-sent; the first successful post also seeds the silences.
static async Task KeepAlertsPostedAsync(Uri alertmanager, SreSuite.Scenarios.Scenario story, bool seed, CancellationToken cancellationToken)
{
    using var http = new HttpClient { BaseAddress = alertmanager, Timeout = TimeSpan.FromSeconds(10) };
    try
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (seed)
                    await AlertmanagerSeed.PostAsync(http, story, cancellationToken);
                else
                    await AlertmanagerSeed.PostAlertsAsync(http, story, cancellationToken);
                seed = false;
            }
            catch (HttpRequestException ex)
            {
                Console.Error.WriteLine($"Alertmanager at {alertmanager} not reachable yet ({ex.Message}); retrying");
            }

            await Task.Delay(seed ? TimeSpan.FromSeconds(2) : TimeSpan.FromMinutes(1), cancellationToken);
        }
    }
    catch (OperationCanceledException)
    {
    }
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

static int Fail(string message)
{
    Console.Error.WriteLine($"MonitoringFixture: {message}");
    Console.Error.WriteLine("usage: dotnet run --project demo/MonitoringFixture -- --out <dir> [--now <RFC 3339>] [--prometheus-port n] [--alertmanager-port n] [--exporter-port n] [--scenario name|path] [--serve | --run]");
    return 2;
}

internal static class PromTimes
{
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
