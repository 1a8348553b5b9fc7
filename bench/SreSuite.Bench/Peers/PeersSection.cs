using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using SreSuite.MonitoringFixture;
using SreSuite.Harness;

namespace SreSuite.Bench.Peers;

/// <summary>
/// Our stdio servers beside the community servers that do the same job, in one run, on the same backends (the
/// fixture API server through one kubeconfig, the real Prometheus): spawn-to-initialize with a reachable and an
/// unreachable backend, memory idle and after load, <c>tools/list</c> bytes, answer bytes for the same questions, and
/// calls/s of a cheap call over Streamable HTTP. A peer that cannot be installed or run is reported with the reason.
/// </summary>
internal sealed class PeersSection(Func<Task<BenchEnvironment>> environment) : IBenchmarkSection
{
    private const string GoName = "kubernetes-mcp-server (Go)";
    private const string FluxName = "mcp-server-kubernetes (TS)";
    private const string PromName = "prometheus-mcp (TS)";

    public string Name => "peers";

    public string Title => "Side by side with community MCP servers";

    /// <summary>One server under test: how to start it over stdio against a reachable or an unreachable backend, and over HTTP.</summary>
    private sealed record Contender(string Name, string Package, Func<bool, StdioLaunch> Stdio, Func<int, StdioLaunch>? Http, string? Problem);

    /// <summary>The same question put to each server with that server's own tool and arguments.</summary>
    private sealed record Question(string Text, Dictionary<string, (string Tool, Dictionary<string, object?> Arguments)> Calls, Func<string, bool> Facts, string FactsText);

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var loadBefore = Measurements.LoadAverage();
        var env = await environment();
        var install = await PeerInstall.EnsureAsync(cancellationToken);
        var unreachable = await UnreachableKubeconfigAsync(env.Cluster.KubeconfigPath, cancellationToken);
        var prometheus = env.Monitoring.PrometheusUrl.ToString();
        const string closedPrometheus = "http://127.0.0.1:9";
        var infraBinary = await PublishedBinary.All.Single(p => p.Server == "InfraTools").EnsureAsync(cancellationToken);
        var observabilityBinary = await PublishedBinary.All.Single(p => p.Server == "ObservabilityTools").EnsureAsync(cancellationToken);

        var infra = new Contender("InfraTools (Native AOT)", "", up => Ours(infraBinary, [new("KUBECONFIG", up ? env.Cluster.KubeconfigPath : unreachable)]), null, null);
        var observability = new Contender("ObservabilityTools (Native AOT)", "", up => Ours(observabilityBinary, [new("PROMETHEUS_URL", up ? prometheus : closedPrometheus)]), null, null);
        var go = new Contender(GoName, PeerInstall.GoKubernetes,
            up => Peer(install.EntryPoint(PeerInstall.GoKubernetes), ["--kubeconfig", up ? env.Cluster.KubeconfigPath : unreachable], []),
            port => Peer(install.EntryPoint(PeerInstall.GoKubernetes), ["--kubeconfig", env.Cluster.KubeconfigPath, "--port", Invariant(port), "--bind-address", "127.0.0.1"], []),
            install.Problem(PeerInstall.GoKubernetes));
        var flux = new Contender(FluxName, PeerInstall.NodeKubernetes,
            up => Peer(install.Node ?? "node", [install.EntryPoint(PeerInstall.NodeKubernetes)], [new("KUBECONFIG", up ? env.Cluster.KubeconfigPath : unreachable)]),
            port => Peer(install.Node ?? "node", [install.EntryPoint(PeerInstall.NodeKubernetes)],
                [new("KUBECONFIG", env.Cluster.KubeconfigPath), new("ENABLE_UNSAFE_STREAMABLE_HTTP_TRANSPORT", "1"), new("PORT", Invariant(port)), new("HOST", "127.0.0.1")]),
            install.Problem(PeerInstall.NodeKubernetes) ?? (OnPath("kubectl") ? null : "kubectl is not on PATH (most of its tools shell out to kubectl)"));
        var prom = new Contender(PromName, PeerInstall.NodePrometheus,
            up => Peer(install.Node ?? "node", [install.EntryPoint(PeerInstall.NodePrometheus), "stdio"], [new("PROMETHEUS_URL", up ? prometheus : closedPrometheus)]),
            port => Peer(install.Node ?? "node", [install.EntryPoint(PeerInstall.NodePrometheus), "http", "--port", Invariant(port)], [new("PROMETHEUS_URL", prometheus)]),
            install.Problem(PeerInstall.NodePrometheus));
        (Contender Ours, Contender Peer)[] pairs = [(infra, go), (infra, flux), (observability, prom)];

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores; load average (1, 5, 15 min) {loadBefore} before this section.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Peers from npm (`{install.Command}`), each in its default configuration; Node {install.NodeVersion}. Ours are the published binaries (`{PublishedBinary.All[0].PublishCommand}`, and the same for ObservabilityTools). Ratio = ours ÷ peer: below 1 is smaller or faster for times, bytes and memory; above 1 is more for calls/s.");
        text.AppendLine();
        var runnable = new List<(Contender Ours, Contender Peer)>();
        foreach (var (ours, peer) in pairs)
        {
            if (peer.Problem is not null)
                text.AppendLine(CultureInfo.InvariantCulture, $"- **{peer.Name} not measured**: {peer.Problem}.");
            else
                runnable.Add((ours, peer));
        }

        if (runnable.Count == 0)
            return text.AppendLine().AppendLine("No peer could be installed or run; nothing to compare.").ToString();

        text.AppendLine(await StartupAsync(runnable, options, cancellationToken)).AppendLine();
        text.AppendLine(await AnswersAndMemoryAsync(env, runnable, options, cancellationToken)).AppendLine();
        text.AppendLine(await HttpThroughputAsync(env, runnable, options, cancellationToken)).AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Load average {loadBefore} before, {Measurements.LoadAverage()} after this section{(LoadIsHigh() ? "; **taken under load** (the machine was shared): times and calls/s are worse than on a quiet machine, for ours and the peers alike" : "")}.");
        File.Delete(unreachable);
        return text.ToString();
    }

    /// <summary>Spawn-to-initialize, each launch interleaved with the others after one warm-up each.</summary>
    private static async Task<string> StartupAsync(List<(Contender Ours, Contender Peer)> pairs, BenchOptions options, CancellationToken cancellationToken)
    {
        // Five in the short run CI takes: its median holds with two slow runs of five (three: one), and CI's machine is shared.
        var runs = options.Short ? 5 : 9;
        var contenders = pairs.SelectMany(pair => new[] { pair.Ours, pair.Peer }).Distinct().ToList();
        var times = new Dictionary<(Contender, bool), List<double>>();
        var cpu = new Dictionary<(Contender, bool), List<double>>();
        var failures = new Dictionary<Contender, string>();
        foreach (var contender in contenders)
        {
            foreach (var up in new[] { true, false })
            {
                times[(contender, up)] = [];
                cpu[(contender, up)] = [];
            }
        }

        for (var run = -1; run < runs; run++)
        {
            foreach (var ((contender, up), list) in times)
            {
                if (failures.ContainsKey(contender))
                    continue;
                try
                {
                    await using var server = await StdioServer.StartAsync(contender.Stdio(up), cancellationToken);
                    if (run >= 0)
                    {
                        list.Add(server.StartMilliseconds);
                        cpu[(contender, up)].Add(server.StartCpuMilliseconds);
                    }
                }
                catch (InvalidOperationException ex)
                {
                    failures[contender] = ex.Message;
                }
            }
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"**Spawn-to-initialize over stdio** (median of {runs} interleaved runs after a warm-up; from starting the process until the client holds the `initialize` answer; unreachable = the kubeconfig or `PROMETHEUS_URL` points at a closed port; CPU = user + system time the server process had used by then, which other load on the machine barely changes):").AppendLine();
        text.AppendLine("| Ours | Peer | Backend | Ours | Peer | Ratio | CPU: ours | peer | ratio |");
        text.AppendLine("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (ours, peer) in pairs)
        {
            foreach (var up in new[] { true, false })
            {
                var failure = failures.GetValueOrDefault(peer) ?? failures.GetValueOrDefault(ours);
                if (failure is not null)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"| {ours.Name} | {peer.Name} | {(up ? "reachable" : "unreachable")} | | | not measured: {failure} | | | |");
                    continue;
                }

                var mine = Measurements.Median(times[(ours, up)]);
                var theirs = Measurements.Median(times[(peer, up)]);
                var myCpu = Measurements.Median(cpu[(ours, up)]);
                var theirCpu = Measurements.Median(cpu[(peer, up)]);
                text.AppendLine(CultureInfo.InvariantCulture, $"| {ours.Name} | {peer.Name} | {(up ? "reachable" : "unreachable")} | {mine:F0} ms | {theirs:F0} ms | {mine / theirs:F2}× | {myCpu:F0} ms | {theirCpu:F0} ms | {myCpu / Math.Max(theirCpu, 1):F2}× |");
            }
        }

        return text.ToString();
    }

    /// <summary>Tools/list, the same questions, then repeated calls, each pair side by side over stdio against the reachable backend.</summary>
    private static async Task<string> AnswersAndMemoryAsync(BenchEnvironment env, List<(Contender Ours, Contender Peer)> pairs, BenchOptions options, CancellationToken cancellationToken)
    {
        var questions = await QuestionsAsync(env, cancellationToken);
        var repeats = options.Short ? 10 : 100;
        var memory = new StringBuilder();
        memory.AppendLine(CultureInfo.InvariantCulture, $"**Definitions and memory over stdio** (RSS of the server process, children such as kubectl not counted; idle = after `initialize`, `tools/list` and 1 s; after load = after the questions below and {repeats} more calls of the first one):").AppendLine();
        memory.AppendLine("| Ours | Peer | Tools (ours / peer) | `tools/list` bytes: ours | peer | ratio | Idle RSS: ours | peer | ratio | After-load RSS: ours | peer | ratio |");
        memory.AppendLine("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var goIdle = double.NaN;
        var answers = new StringBuilder();
        answers.AppendLine("**The same questions, answer bytes** (each server's own tool for the question; facts = the answer holds what the question needs):").AppendLine();
        answers.AppendLine("| Question | Ours | Peer | Ours: tool, bytes | Peer: tool, bytes | Ratio | Facts (ours / peer) |");
        answers.AppendLine("| --- | --- | --- | --- | --- | ---: | --- |");
        foreach (var (ours, peer) in pairs)
        {
            try
            {
                await using var mine = await StdioServer.StartAsync(ours.Stdio(true), cancellationToken);
                await using var theirs = await StdioServer.StartAsync(peer.Stdio(true), cancellationToken);
                var (myTools, myBytes) = await Measurements.ToolsListAsync(mine.Client, cancellationToken);
                var (theirTools, theirBytes) = await Measurements.ToolsListAsync(theirs.Client, cancellationToken);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                var (myIdle, theirIdle) = (mine.ResidentMiB, theirs.ResidentMiB);
                if (peer.Name == GoName)
                    goIdle = theirIdle;

                var asked = questions.Where(q => q.Calls.ContainsKey(ours.Name) && q.Calls.ContainsKey(peer.Name)).ToList();
                foreach (var question in asked)
                {
                    var (myTool, myArguments) = question.Calls[ours.Name];
                    var (theirTool, theirArguments) = question.Calls[peer.Name];
                    var myAnswer = await AnswerAsync(mine.Client, myTool, myArguments, cancellationToken);
                    var theirAnswer = await AnswerAsync(theirs.Client, theirTool, theirArguments, cancellationToken);
                    answers.AppendLine(CultureInfo.InvariantCulture,
                        $"| {question.Text} | {ours.Name} | {peer.Name} | `{myTool}` {myAnswer.Bytes:N0} | `{theirTool}` {theirAnswer.Bytes:N0}{theirAnswer.Error} | {(double)myAnswer.Bytes / Math.Max(1, theirAnswer.Bytes):F2}× | {YesNo(question.Facts(myAnswer.Text))} / {YesNo(question.Facts(theirAnswer.Text))}: {question.FactsText} |");
                }

                if (asked.Count > 0)
                {
                    var (myTool, myArguments) = asked[0].Calls[ours.Name];
                    var (theirTool, theirArguments) = asked[0].Calls[peer.Name];
                    for (var i = 0; i < repeats; i++)
                    {
                        await AnswerAsync(mine.Client, myTool, myArguments, cancellationToken);
                        await AnswerAsync(theirs.Client, theirTool, theirArguments, cancellationToken);
                    }
                }

                var (myLoaded, theirLoaded) = (mine.ResidentMiB, theirs.ResidentMiB);
                memory.AppendLine(CultureInfo.InvariantCulture,
                    $"| {ours.Name} | {peer.Name} | {myTools} / {theirTools} | {myBytes:N0} | {theirBytes:N0} | {(double)myBytes / theirBytes:F2}× | {myIdle:F1} MiB | {theirIdle:F1} MiB | {myIdle / theirIdle:F2}× | {myLoaded:F1} MiB | {theirLoaded:F1} MiB | {myLoaded / theirLoaded:F2}× |");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                memory.AppendLine(CultureInfo.InvariantCulture, $"| {ours.Name} | {peer.Name} | not measured: {Shorten(ex.Message)} | | | | | | | | | |");
            }
        }

        memory.AppendLine(await IncidentToolsIdleAsync(goIdle, cancellationToken));
        return memory.AppendLine().Append(answers).ToString();
    }

    /// <summary>
    /// IncidentTools has no community peer doing its job; its idle memory is measured the same way and set beside
    /// the Go peer's, the smallest of the peers, for scale.
    /// </summary>
    private static async Task<string> IncidentToolsIdleAsync(double goIdle, CancellationToken cancellationToken)
    {
        var published = PublishedBinary.All.Single(p => p.Server == "IncidentTools");
        var name = $"IncidentTools ({published.Kind})";
        try
        {
            var binary = await published.EnsureAsync(cancellationToken);
            await using var server = await StdioServer.StartAsync(Ours(binary, []), cancellationToken);
            var (tools, bytes) = await Measurements.ToolsListAsync(server.Client, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var idle = server.ResidentMiB;
            return string.Create(CultureInfo.InvariantCulture,
                $"| {name} | none does its job; {GoName} for scale | {tools} / | {bytes:N0} | | | {idle:F1} MiB | {goIdle:F1} MiB | {idle / goIdle:F2}× | | | |");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return $"| {name} | none does its job | not measured: {Shorten(ex.Message)} | | | | | | | | | |";
        }
    }

    private sealed record Answer(int Bytes, string Text, string Error);

    /// <summary>A tool's answer as the model would read it; a peer's error answer is measured too, and marked.</summary>
    private static async Task<Answer> AnswerAsync(McpClient client, string tool, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        try
        {
            var result = await client.CallToolAsync(tool, arguments, cancellationToken: cancellationToken);
            var text = result.Text();
            return new Answer(Encoding.UTF8.GetByteCount(text), text, result.IsError == true ? $" (error: {Shorten(text)})" : "");
        }
        catch (ModelContextProtocol.McpException ex)
        {
            // A JSON-RPC error instead of a tool result: what the model would read is the error message.
            return new Answer(Encoding.UTF8.GetByteCount(ex.Message), ex.Message, $" (JSON-RPC error: {Shorten(ex.Message)})");
        }
    }

    private static async Task<List<Question>> QuestionsAsync(BenchEnvironment env, CancellationToken cancellationToken)
    {
        using var kube = env.KubernetesApi();
        var podsRaw = await kube.GetStringAsync(new Uri("/api/v1/namespaces/payments/pods", UriKind.Relative), cancellationToken);
        var pods = JsonNode.Parse(podsRaw)?["items"]?.AsArray() ?? [];
        var names = pods.Select(item => item?["metadata"]?["name"]?.GetValue<string>()).OfType<string>().ToList();
        var crashing = pods.FirstOrDefault(item => (item?["status"]?["containerStatuses"]?.AsArray() ?? [])
            .Any(status => status?["state"]?["waiting"]?["reason"]?.GetValue<string>() == "CrashLoopBackOff"))?["metadata"]?["name"]?.GetValue<string>()
            ?? throw new InvalidOperationException("the fixture has no crash-looping pod in payments");
        var now = DateTimeOffset.UtcNow;
        const string Infra = "InfraTools (Native AOT)";
        const string Observability = "ObservabilityTools (Native AOT)";
        return
        [
            new(string.Create(CultureInfo.InvariantCulture, $"List the pods of namespace payments ({names.Count} pods)"), new()
            {
                [Infra] = ("k8s_list_pods", new() { ["namespace"] = "payments" }),
                [GoName] = ("pods_list_in_namespace", new() { ["namespace"] = "payments" }),
                [FluxName] = ("kubectl_get", new() { ["resourceType"] = "pods", ["namespace"] = "payments" }),
            }, answer => names.All(name => answer.Contains(name, StringComparison.Ordinal)), "every pod named"),
            new("Logs of the crashed run of a crash-looping pod", new()
            {
                [Infra] = ("k8s_pod_logs", new() { ["namespace"] = "payments", ["pod"] = crashing, ["container"] = "payments-api", ["previous"] = true }),
                [GoName] = ("pods_log", new() { ["namespace"] = "payments", ["name"] = crashing, ["container"] = "payments-api", ["previous"] = true }),
                [FluxName] = ("kubectl_logs", new() { ["resourceType"] = "pod", ["namespace"] = "payments", ["name"] = crashing, ["container"] = "payments-api", ["previous"] = true }),
            }, answer => answer.Contains("missing required setting PAYMENTS_PROCESSOR_URL", StringComparison.Ordinal), "the fatal line"),
            new("Events of namespace payments", new()
            {
                [Infra] = ("k8s_events", new() { ["namespace"] = "payments" }),
                [GoName] = ("events_list", new() { ["namespace"] = "payments" }),
                [FluxName] = ("kubectl_get", new() { ["resourceType"] = "events", ["namespace"] = "payments" }),
            }, answer => answer.Contains("BackOff", StringComparison.Ordinal), "the BackOff events"),
            new("Instant query: 5xx rate by service", new()
            {
                [Observability] = ("prom_query", new() { ["query"] = DemoQueries.ErrorRateByService }),
                [PromName] = ("prometheus_query", new() { ["query"] = DemoQueries.ErrorRateByService }),
            }, answer => answer.Contains("payments-api", StringComparison.Ordinal), "payments-api's rate"),
            new("Range query: all request rates over 24 h at 60 s (40 series)", new()
            {
                [Observability] = ("prom_query_range", new() { ["query"] = DemoQueries.AllRequestRates, ["start"] = "now-24h", ["step"] = "60s" }),
                [PromName] = ("prometheus_query_range", new()
                {
                    ["query"] = DemoQueries.AllRequestRates,
                    ["start"] = Invariant(now.AddDays(-1).ToUnixTimeSeconds()),
                    ["end"] = Invariant(now.ToUnixTimeSeconds()),
                    ["step"] = "60s",
                }),
            }, answer => answer.Contains("payments-api", StringComparison.Ordinal), "payments-api's series"),
        ];
    }

    /// <summary>Calls/s of a cheap call from 8 concurrent clients over Streamable HTTP: ours (the JIT build the container runs) against each peer's HTTP mode.</summary>
    private static async Task<string> HttpThroughputAsync(BenchEnvironment env, List<(Contender Ours, Contender Peer)> pairs, BenchOptions options, CancellationToken cancellationToken)
    {
        const int Clients = 8;
        var duration = options.Duration(TimeSpan.FromSeconds(10));
        var cheap = new Dictionary<string, (string Tool, Dictionary<string, object?> Arguments)>
        {
            ["InfraTools (Native AOT)"] = ("k8s_list", new() { ["kind"] = "namespaces" }),
            [GoName] = ("namespaces_list", []),
            [FluxName] = ("kubectl_get", new() { ["resourceType"] = "namespaces" }),
            ["ObservabilityTools (Native AOT)"] = ("prom_query", new() { ["query"] = "up" }),
            [PromName] = ("prometheus_query", new() { ["query"] = "up" }),
        };
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"**Calls/s over Streamable HTTP** ({Clients} concurrent MCP clients for {duration.TotalSeconds:0} s each after a warm-up; ours is the Release (JIT) build, as the container runs it; a cheap call that reads a small answer from the backend):").AppendLine();
        text.AppendLine("| Call | Ours | Peer | Ours calls/s (p50) | Peer calls/s (p50) | Ratio | Errors (ours / peer) |");
        text.AppendLine("| --- | --- | --- | ---: | ---: | ---: | --- |");
        foreach (var (ours, peer) in pairs)
        {
            var ourUrl = ours.Name.StartsWith("Infra", StringComparison.Ordinal) ? env.Infra.McpUrl : env.Observability.McpUrl;
            var (myTool, myArguments) = cheap[ours.Name];
            var (theirTool, theirArguments) = cheap[peer.Name];
            var port = FreePort();
            var launch = peer.Http!(port);
            var start = new ProcessStartInfo(launch.Command) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root };
            foreach (var argument in launch.Arguments)
                start.ArgumentList.Add(argument);
            foreach (var (name, value) in launch.Environment)
                start.Environment[name] = value;
            using var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await WaitForPortAsync(port, TimeSpan.FromSeconds(60), cancellationToken);
                var peerUrl = new Uri($"http://127.0.0.1:{port}/mcp");
                var mine = await ThroughputAsync(ourUrl, myTool, myArguments, Clients, duration, cancellationToken);
                var theirs = await ThroughputAsync(peerUrl, theirTool, theirArguments, Clients, duration, cancellationToken);
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| `{myTool}` / `{theirTool}` | {ours.Name.Replace(" (Native AOT)", "", StringComparison.Ordinal)} | {peer.Name} | {mine.PerSecond:N0} ({mine.P50:F1} ms) | {theirs.PerSecond:N0} ({theirs.P50:F1} ms) | {mine.PerSecond / Math.Max(theirs.PerSecond, 0.001):F2}× | {mine.Errors} / {theirs.Errors}{(theirs.FirstError is null ? "" : $" ({Shorten(theirs.FirstError)})")} |");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| `{myTool}` / `{theirTool}` | {ours.Name} | {peer.Name} | | | not measured: {Shorten(ex.Message)} | |");
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(cancellationToken);
            }
        }

        return text.ToString();
    }

    private sealed record Throughput(double PerSecond, double P50, long Errors, string? FirstError);

    private static async Task<Throughput> ThroughputAsync(Uri url, string tool, Dictionary<string, object?> arguments, int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        var connected = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ =>
            // 2025-06-18 for every contender: the Go peer refuses the SDK's default 2026-07-28.
            McpClients.ConnectHttpAsync(url, cancellationToken, protocolVersion: "2025-06-18")));
        var latencies = new ConcurrentBag<double>();
        long errors = 0;
        string? firstError = null;
        try
        {
            var warmUp = await connected[0].CallToolAsync(tool, arguments, cancellationToken: cancellationToken);
            if (warmUp.IsError == true)
                throw new InvalidOperationException($"{tool} answered with an error: {warmUp.Text()}");
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stop.CancelAfter(duration);
            await Task.WhenAll(connected.Select(async client =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var clock = Stopwatch.StartNew();
                    try
                    {
                        var result = await client.CallToolAsync(tool, arguments, cancellationToken: cancellationToken);
                        if (result.IsError == true)
                        {
                            Interlocked.Increment(ref errors);
                            Interlocked.CompareExchange(ref firstError, result.Text(), null);
                        }
                        else
                        {
                            latencies.Add(clock.Elapsed.TotalMilliseconds);
                        }
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, ex.Message, null);
                    }
                }
            }));
        }
        finally
        {
            foreach (var client in connected)
                await client.DisposeAsync();
        }

        var sorted = latencies.Order().ToList();
        return new Throughput(sorted.Count / duration.TotalSeconds, Measurements.Percentile(sorted, 0.5), errors, firstError);
    }

    private static StdioLaunch Ours(string binary, IEnumerable<KeyValuePair<string, string?>> backend) =>
        new(binary, ["--stdio"], McpClients.IsolatedEnvironment(backend.Append(new("DOTNET_ENVIRONMENT", "Production")).Append(new("Audit__Stderr", "false"))));

    /// <summary>A peer sees the same isolated environment as ours: no backend but the one it is given.</summary>
    private static StdioLaunch Peer(string command, IReadOnlyList<string> arguments, IEnumerable<KeyValuePair<string, string?>> backend) =>
        new(command, arguments, McpClients.IsolatedEnvironment(backend));

    /// <summary>The fixture's kubeconfig with its API server moved to a port nothing listens on.</summary>
    private static async Task<string> UnreachableKubeconfigAsync(string kubeconfig, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(kubeconfig, cancellationToken);
        var path = Path.Combine(Path.GetTempPath(), $"sresuite-bench-unreachable-{Environment.ProcessId}.yaml");
        // The scheme is kept (the fixture serves HTTPS, as a real API server does): only the port moves.
        var moved = System.Text.RegularExpressions.Regex.Replace(text, @"server: (https?)://127\.0\.0\.1:\d+", match => $"server: {match.Groups[1].Value}://127.0.0.1:{FreePort()}");
        if (moved == text)
            throw new InvalidOperationException($"the fixture's kubeconfig {kubeconfig} names no loopback API server to move; the unreachable runs would reach it");
        await File.WriteAllTextAsync(path, moved, cancellationToken);
        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForPortAsync(int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"nothing listened on 127.0.0.1:{port} within {timeout.TotalSeconds:0} s"));
    }

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(folder => File.Exists(Path.Combine(folder, command)));

    private static bool LoadIsHigh() =>
        double.TryParse(Measurements.LoadAverage().Split(' ')[0], CultureInfo.InvariantCulture, out var load) && load > Environment.ProcessorCount * 0.5;

    private static string YesNo(bool present) => present ? "yes" : "**no**";

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ").Replace("|", "/", StringComparison.Ordinal);
        return line.Length <= 120 ? line : line[..120] + "…";
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
