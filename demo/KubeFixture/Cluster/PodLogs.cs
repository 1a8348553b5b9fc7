using System.Globalization;
using System.Text.Json.Nodes;
using SreSuite.KubeFixture.Api;

namespace SreSuite.KubeFixture.Cluster;

/// <summary>One line a container wrote, with the time the runtime recorded for it.</summary>
public sealed record LogLine(DateTimeOffset Time, string Text);

/// <summary>
/// What <c>GET /api/v1/namespaces/{ns}/pods/{name}/log</c> returns for a demo pod: the log of the current
/// (or, with previous=true, the previous) container instance, or the API server's 400 when there is none.
/// </summary>
public static class PodLogs
{
    /// <summary>How far back the runtime keeps a running container's log (rotation).</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromHours(2);

    /// <summary>
    /// The API server's refusals, whoever writes the log: no container named where the pod has several, an unknown
    /// container, an unscheduled pod, no previous run, or a container still waiting to start. Null when the log can be read;
    /// <paramref name="resolved"/> is then the container meant.
    /// </summary>
    public static JsonObject? Refusal(JsonObject pod, string? container, bool previous, out string resolved)
    {
        ArgumentNullException.ThrowIfNull(pod);
        resolved = container ?? "";
        var name = JsonFields.Text(pod, "metadata.name")!;
        var containers = JsonFields.Items(pod, "spec.containers").Select(c => JsonFields.Text(c, "name")!).ToList();
        var initContainers = JsonFields.Items(pod, "spec.initContainers").Select(c => JsonFields.Text(c, "name")!).ToList();
        if (container is null)
        {
            if (containers.Count != 1)
            {
                var init = initContainers.Count == 0 ? "" : $" or one of the init containers: [{string.Join(' ', initContainers)}]";
                return Statuses.BadRequest($"a container name must be specified for pod {name}, choose one of: [{string.Join(' ', containers)}]{init}");
            }

            container = resolved = containers[0];
        }

        // Init containers have logs too (kubectl logs -c <init container>).
        if (!containers.Contains(container) && !initContainers.Contains(container))
            return Statuses.BadRequest($"container {container} is not valid for pod {name}");
        if (JsonFields.Text(pod, "spec.nodeName") is null)
            return Statuses.BadRequest($"pod {name} does not have a host assigned");

        var status = JsonFields.Items(pod, "status.containerStatuses").Concat(JsonFields.Items(pod, "status.initContainerStatuses"))
            .FirstOrDefault(s => JsonFields.Text(s, "name") == container);
        var waiting = JsonFields.Text(status, "state.waiting.reason");
        if (previous)
        {
            if (JsonFields.Time(status, "lastState.terminated.finishedAt") is null)
                return Statuses.BadRequest($"previous terminated container \"{container}\" in pod \"{name}\" not found");
        }
        else if (waiting is not null && waiting != "CrashLoopBackOff")
        {
            var why = waiting is "ImagePullBackOff" or "ErrImagePull" ? "trying and failing to pull image" : waiting;
            return Statuses.BadRequest($"container \"{container}\" in pod \"{name}\" is waiting to start: {why}");
        }

        return null;
    }

    public static (IReadOnlyList<LogLine>? Lines, JsonObject? Error) Read(JsonObject pod, string? container, bool previous, DateTimeOffset now)
    {
        if (Refusal(pod, container, previous, out container) is { } refusal)
            return (null, refusal);
        var name = JsonFields.Text(pod, "metadata.name")!;
        var status = JsonFields.Items(pod, "status.containerStatuses").FirstOrDefault(s => JsonFields.Text(s, "name") == container);
        var lastEnd = JsonFields.Time(status, "lastState.terminated.finishedAt");
        var waiting = JsonFields.Text(status, "state.waiting.reason");

        var app = JsonFields.Text(pod, "metadata.labels.app") ?? container;
        var version = (string?)pod["metadata"]?["labels"]?["app.kubernetes.io/version"] ?? "";
        var random = new Random(Names.Stable($"{name}/{container}/{previous}"));

        // A crash-looping container's "current" log is that of its last (terminated) run.
        DateTimeOffset start, end;
        bool ended;
        if (previous || waiting == "CrashLoopBackOff")
        {
            end = previous && waiting == "CrashLoopBackOff" ? lastEnd!.Value.AddMinutes(-5).AddSeconds(-8) : lastEnd!.Value;
            start = end.AddSeconds(app == DemoStory.OomDeployment ? -1260 : -8);
            ended = true;
        }
        else
        {
            start = JsonFields.Time(status, "state.running.startedAt") ?? JsonFields.Time(status, "state.terminated.startedAt") ?? now;
            end = JsonFields.Time(status, "state.terminated.finishedAt") ?? now;
            ended = JsonFields.At(status, "state.terminated") is not null;
        }

        if (start < end - Retention)
            start = end - Retention;
        IReadOnlyList<LogLine> lines = container == "envoy" ? Envoy(start, end, random)
            : app == DemoStory.Deployment && version == DemoStory.DeployVersion ? CrashingPaymentsApi(start)
            : app == DemoStory.OomDeployment ? BatchWorker(start, end, random)
            : JsonFields.Text(pod, "status.phase") == "Succeeded" ? Job(app, start, end)
            : WebApp(app, version, JsonFields.Text(pod, "status.podIP") ?? "10.244.0.2", start, end, random, ended);
        return (lines, null);
    }

    /// <summary>Applies the log endpoint's query parameters in the API server's order.</summary>
    public static string Render(IReadOnlyList<LogLine> lines, DateTimeOffset now, long? sinceSeconds, DateTimeOffset? sinceTime, long? tailLines, bool timestamps, long? limitBytes)
    {
        ArgumentNullException.ThrowIfNull(lines);
        IEnumerable<LogLine> selected = lines;
        if (sinceSeconds is { } seconds)
            selected = selected.Where(line => line.Time >= now.AddSeconds(-seconds));
        else if (sinceTime is { } since)
            selected = selected.Where(line => line.Time >= since);
        var list = selected.ToList();
        if (tailLines is { } tail && tail >= 0 && tail < list.Count)
            list = list.GetRange(list.Count - (int)tail, (int)tail);
        var text = string.Concat(list.Select(line => (timestamps ? line.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture) + " " : "") + line.Text + "\n"));
        if (limitBytes is { } limit && limit >= 0 && limit < System.Text.Encoding.UTF8.GetByteCount(text))
            text = text[..(int)Math.Min(limit, text.Length)];
        return text;
    }

    private static List<LogLine> CrashingPaymentsApi(DateTimeOffset start)
    {
        var lines = new List<LogLine>();
        var t = start;
        void Say(string text, double seconds = 0.05)
        {
            lines.Add(new LogLine(t, text));
            t = t.AddSeconds(seconds);
        }

        Say($"info: Microsoft.Hosting.Lifetime[0] Starting Payments.Api {DemoStory.DeployVersion} (commit {DemoStory.DeploySha[..7]})", 0.4);
        Say("info: Payments.Api.Startup[0] Environment: Production; configuration sources: /app/config, environment variables");
        Say("info: Payments.Api.Startup[0] Ledger client configured for http://ledger-service.payments.svc:8080");
        Say("info: Payments.Api.Startup[0] Database connection pool ready (min=4, max=32)", 0.3);
        Say("warn: Payments.Api.Configuration[12] Configuration section 'Payments:Processor' not found; falling back to environment variable PAYMENTS_PROCESSOR_URL");
        for (var attempt = 1; attempt <= 5; attempt++)
            Say($"warn: Payments.Api.Configuration[13] PAYMENTS_PROCESSOR_URL is not set; retrying configuration provider in 1s (attempt {attempt}/5)", 1);
        Say($"fail: Payments.Api.Program[0] {DemoStory.FatalLogLine}");
        Say("Unhandled exception. System.InvalidOperationException: missing required setting PAYMENTS_PROCESSOR_URL");
        Say("   at Payments.Api.Configuration.ProcessorOptions.Validate() in /src/Payments.Api/Configuration/ProcessorOptions.cs:line 41");
        Say("   at Payments.Api.Configuration.ConfigurationExtensions.AddPaymentProcessor(IServiceCollection services, IConfiguration configuration) in /src/Payments.Api/Configuration/ConfigurationExtensions.cs:line 27");
        Say("   at Program.<Main>$(String[] args) in /src/Payments.Api/Program.cs:line 18");
        return lines;
    }

    private static List<LogLine> BatchWorker(DateTimeOffset start, DateTimeOffset end, Random random)
    {
        var lines = new List<LogLine> { new(start, "info: ReportWorker.Program[0] Starting report-worker v4.2.0 (heap limit 480MB)") };
        var batch = 4300 + random.Next(0, 50);
        var heap = 120;
        for (var t = start.AddSeconds(6); t < end; t = t.AddSeconds(20 + random.Next(0, 10)))
        {
            heap = Math.Min(heap + random.Next(2, 9), 509);
            lines.Add(new LogLine(t, $"info: ReportWorker.Batches[3] processed batch {batch++} rows=500000 heap={heap}MB"));
            if (heap > 440 && random.Next(0, 4) == 0)
                lines.Add(new LogLine(t.AddSeconds(1), $"warn: ReportWorker.Memory[7] heap {heap}MB is above 90% of the container limit; GC pause 1.{random.Next(1, 9)}s"));
        }

        return lines;
    }

    private static List<LogLine> Job(string app, DateTimeOffset start, DateTimeOffset end) =>
    [
        new(start, $"info: {app}[0] starting run"),
        new(start.AddSeconds(2), $"info: {app}[0] reconciling settlements for the previous hour"),
        new(start.AddSeconds(35), $"info: {app}[0] 18342 settlements matched, 0 mismatches"),
        new(end, $"info: {app}[0] run finished in 41s"),
    ];

    private static List<LogLine> Envoy(DateTimeOffset start, DateTimeOffset end, Random random)
    {
        var lines = new List<LogLine> { new(start, "[info][main] initializing epoch 0 (base id=0, hot restart version=11.104)") };
        for (var t = start.AddMinutes(7); t < end; t = t.AddMinutes(11 + random.Next(0, 20)))
            lines.Add(new LogLine(t, $"[warning][config] gRPC config stream to xds-cluster closed since {random.Next(30, 60)}s ago: 14, upstream connect error"));
        return lines;
    }

    private static List<LogLine> WebApp(string app, string version, string podIp, DateTimeOffset start, DateTimeOffset end, Random random, bool ended)
    {
        var lines = new List<LogLine>
        {
            new(start, $"info: Microsoft.Hosting.Lifetime[0] Starting {app} {version}"),
            new(start.AddSeconds(1), "info: Microsoft.Hosting.Lifetime[14] Now listening on: http://[::]:8080"),
            new(start.AddSeconds(1), "info: Microsoft.Hosting.Lifetime[0] Application started. Press Ctrl+C to shut down."),
        };
        var routes = new[] { "GET /v1/items", "POST /v1/orders", "GET /v1/orders/{0}", "PUT /v1/carts/{0}", "GET /v1/status" };
        var injected = false;
        for (var t = start.AddSeconds(5); t < end; t = t.AddSeconds(5))
        {
            lines.Add(new LogLine(t, $"info: Microsoft.AspNetCore.Hosting.Diagnostics[2] Request finished HTTP/1.1 GET http://{podIp}:8080/healthz - 200 - text/plain 0.{random.Next(100, 999)}ms"));
            if (random.Next(0, 3) == 0)
            {
                var route = string.Format(CultureInfo.InvariantCulture, routes[random.Next(routes.Length)], random.Next(10000, 99999));
                var code = random.Next(0, 60) == 0 ? 500 : 200;
                lines.Add(new LogLine(t.AddSeconds(2), $"info: Microsoft.AspNetCore.Hosting.Diagnostics[2] Request finished HTTP/1.1 {route} - {code} - application/json {random.Next(3, 180)}.{random.Next(0, 9)}ms"));
            }

            if (app == "checkout-api" && !injected && t > end.AddMinutes(-3))
            {
                injected = true;
                lines.Add(new LogLine(t.AddSeconds(3), DemoStory.InjectionLogLine));
            }
        }

        if (ended)
            lines.Add(new LogLine(end, "info: Microsoft.Hosting.Lifetime[0] Application is shutting down..."));
        return lines;
    }
}
