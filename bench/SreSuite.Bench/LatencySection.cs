using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SreSuite.MonitoringFixture;
using SreSuite.Harness;

namespace SreSuite.Bench;

/// <summary>
/// Time per call where a tool does real work on its answer: a range query summarized by the tool against the
/// same query sent to Prometheus directly, and a runbook lookup in a library of 1,000 runbooks after start-up indexing.
/// </summary>
internal sealed partial class LatencySection(Func<Task<BenchEnvironment>> environment) : IBenchmarkSection
{
    private const int RunbookCount = 1000;

    public string Name => "latency";

    public string Title => "Time per call: range-query summaries and runbook lookup";

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var env = await environment();
        var runs = options.Short ? 5 : 30;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Medians (and p90) of {runs} sequential calls after one warm-up call, one client.").AppendLine();
        text.AppendLine("| Call | Through MCP (tool) | Prometheus directly | Tool answer bytes | Prometheus bytes |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: |");

        await using (var observability = await McpClients.ConnectHttpAsync(env.Observability.McpUrl, cancellationToken))
        using (var http = new HttpClient())
        {
            foreach (var (query, step, label) in new[]
            {
                (DemoQueries.ErrorRateByService, "15s", "24 h range query at 15 s, 5 series"),
                (DemoQueries.AllRequestRates, "60s", "24 h range query at 60 s, 40 series"),
            })
            {
                var toolBytes = 0;
                var tool = await TimeAsync(runs, async () =>
                {
                    var answer = await Measurements.CallTextAsync(observability, "prom_query_range", new() { ["query"] = query, ["start"] = "now-24h", ["step"] = step }, cancellationToken);
                    toolBytes = Encoding.UTF8.GetByteCount(answer);
                });
                var rawBytes = 0;
                var direct = await TimeAsync(runs, async () =>
                {
                    var now = DateTimeOffset.UtcNow;
                    var url = new Uri(env.Monitoring.PrometheusUrl, string.Create(CultureInfo.InvariantCulture,
                        $"/api/v1/query_range?query={Uri.EscapeDataString(query)}&start={now.AddDays(-1).ToUnixTimeSeconds()}&end={now.ToUnixTimeSeconds()}&step={step}"));
                    rawBytes = (await http.GetByteArrayAsync(url, cancellationToken)).Length;
                });
                text.AppendLine(CultureInfo.InvariantCulture, $"| `prom_query_range`: {label} | {tool} | {direct} | {toolBytes:N0} | {rawBytes:N0} |");
            }
        }

        text.AppendLine().AppendLine(await RunbookLookupAsync(runs, cancellationToken));
        return text.ToString();
    }

    /// <summary>An IncidentTools of its own, over a generated library of 1,000 runbooks.</summary>
    private static async Task<string> RunbookLookupAsync(int runs, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("sresuite-bench-runbooks-");
        try
        {
            string[] components = ["kubernetes", "payments", "storage", "network", "database"];
            for (var i = 0; i < RunbookCount; i++)
                await WriteRunbookAsync(folder.FullName, components[i % components.Length], i, cancellationToken);

            await using var server = await ServerProcess.StartAsync("IncidentTools", new Dictionary<string, string?>
            {
                ["Runbooks__Path"] = folder.FullName,
                ["Runbooks__BaseUrl"] = "https://runbooks.example.com",
                ["Audit__Stderr"] = "false",
                ["Mcp__RateLimitPerMinute"] = "100000000",
            }, cancellationToken);
            await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, cancellationToken);
            var status = await Measurements.CallTextAsync(client, "incident_status", [], cancellationToken);
            var indexed = IndexedLine().Match(status);
            if (!indexed.Success || indexed.Groups["count"].Value != RunbookCount.ToString(CultureInfo.InvariantCulture))
                throw new InvalidOperationException($"incident_status does not report {RunbookCount} indexed runbooks:\n{status}");

            var next = 0;
            var exact = await TimeAsync(runs, async () =>
            {
                var i = next++ * 37 % RunbookCount;
                var component = components[i % components.Length];
                var answer = await Measurements.CallTextAsync(client, "runbook_lookup", new() { ["alert"] = AlertName(component, i) }, cancellationToken);
                if (!answer.Contains($"condition number {i}", StringComparison.Ordinal))
                    throw new InvalidOperationException($"runbook_lookup for {AlertName(component, i)} found another runbook:\n{answer}");
            });
            var fuzzy = await TimeAsync(runs, async () =>
            {
                var answer = await Measurements.CallTextAsync(client, "runbook_lookup", new() { ["service"] = "storage-service", ["alert"] = "storage condition 422 holds" }, cancellationToken);
                if (!answer.Contains("storage", StringComparison.Ordinal))
                    throw new InvalidOperationException($"fuzzy runbook_lookup found nothing about storage:\n{answer}");
            });
            return string.Create(CultureInfo.InvariantCulture,
                $"""
                `runbook_lookup` over {RunbookCount:N0} generated runbooks ({indexed.Groups["ms"].Value} ms to index them at start, as `incident_status` reports), through MCP over HTTP:

                - by alert name (exact): {exact}
                - by service and free words (fuzzy): {fuzzy}
                """);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task WriteRunbookAsync(string root, string component, int i, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateDirectory(Path.Combine(root, component)).FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{component}-alert-{i:D4}.md")), string.Create(CultureInfo.InvariantCulture, $"""
            ---
            title: {component} condition number {i}
            service: {component}-service
            alerts:
              - {AlertName(component, i)}
            severity: {(i % 3 == 0 ? "critical" : "warning")}
            owner: team-{component}
            tags: [{component}, generated]
            ---
            # {component} condition number {i}

            Fires when condition {i} of {component} holds for 5 minutes.

            ## Diagnose

            1. Check the {component} dashboard for condition {i}.
            2. Compare with the last deploy of {component}-service.

            ## Mitigate

            Roll back the last change to {component}-service, or scale it out.
            """), cancellationToken);
    }

    private static string AlertName(string component, int i) =>
        string.Create(CultureInfo.InvariantCulture, $"{char.ToUpperInvariant(component[0])}{component[1..]}Condition{i:D4}Firing");

    /// <summary>Median and p90 of <paramref name="runs"/> calls after one untimed warm-up call.</summary>
    private static async Task<string> TimeAsync(int runs, Func<Task> call)
    {
        await call();
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await call();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return string.Create(CultureInfo.InvariantCulture, $"{Measurements.Percentile(times, 0.5):F1} ms (p90 {Measurements.Percentile(times, 0.9):F1} ms)");
    }

    [GeneratedRegex(@"\((?<count>\d+) indexed in (?<ms>\d+) ms")]
    private static partial Regex IndexedLine();
}
