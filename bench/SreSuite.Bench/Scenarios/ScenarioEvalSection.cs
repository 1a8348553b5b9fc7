using System.Globalization;
using System.Text;
using SreSuite.Bench.Peers;
using SreSuite.Harness;
using SreSuite.IncidentFixtures;
using SreSuite.KubeFixture;
using SreSuite.MonitoringFixture;
using SreSuite.Scenarios;

namespace SreSuite.Bench.Scenarios;

/// <summary>
/// For each scenario of the library: its demo backends started, then the scripted triage walk with our three
/// servers and the same walk with the community servers' closest tools, graded against ground_truth.yaml.
/// Goal (issue 20): the root cause reached in every scenario in ≤ 6 calls and ≤ 15,000 bytes of answers.
/// A missed root cause is reported, not a failure; a walk that cannot run, or an unexpected failure of one of our
/// servers, is.
/// </summary>
internal sealed class ScenarioEvalSection : IBenchmarkSection
{
    private const int MaxCalls = 6;
    private const int MaxBytes = 15_000;

    public string Name => "scenarios";

    public string Title => "Scenario evaluation: a scripted triage walk per scenario, ours and the community servers";

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var names = ScenarioCatalog.Names();
        // --scenarios names the ones to walk (one at a time while iterating); otherwise the CI's short run walks the
        // small scenarios (under a thousand pods) and the full run all.
        var unknown = options.Scenarios.Where(s => !names.Contains(s, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"--scenarios: no scenario folder named {string.Join(", ", unknown.Select(u => $"'{u}'"))} in demo/scenarios (there are: {string.Join(", ", names)})");
        var chosen = options.Scenarios.Count > 0 ? names.Where(options.Scenarios.Contains).ToList()
            : names.Where(n => !options.Short || !IsLarge(n)).ToList();
        var install = await PeerInstall.EnsureAsync(cancellationToken);
        var goProblem = install.Problem(PeerInstall.GoKubernetes);
        var promProblem = install.Problem(PeerInstall.NodePrometheus);

        var table = new StringBuilder();
        table.AppendLine("| Scenario | Fault class | Pods | Ours: root cause | first names it (call) | evidence (call) | calls | bytes | errors | Peers: root cause | first names it (call) | evidence (call) | calls | bytes | errors |");
        table.AppendLine("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        var details = new StringBuilder();
        var (reached, withinGoal) = (0, 0);
        var crashes = new List<string>();
        foreach (var name in chosen)
        {
            var now = DateTimeOffset.UtcNow;
            var scenario = ScenarioCatalog.Load(name, now);
            await using var backends = await ScenarioBackends.StartAsync(scenario, now, cancellationToken);
            var ours = new TriageWalk(scenario.GroundTruth, scenario.FaultClass);
            await using (var infra = await McpClients.ConnectHttpAsync(backends.Infra.McpUrl, cancellationToken))
            await using (var observability = await McpClients.ConnectHttpAsync(backends.Observability.McpUrl, cancellationToken))
            await using (var incident = await McpClients.ConnectHttpAsync(backends.Incident.McpUrl, cancellationToken))
                await OurInvestigator.WalkAsync(ours, infra, observability, incident, cancellationToken);

            var peers = new TriageWalk(scenario.GroundTruth, scenario.FaultClass);
            await using (var go = goProblem is null ? await StdioServer.StartAsync(PeerLaunch(install.EntryPoint(PeerInstall.GoKubernetes), ["--kubeconfig", backends.Cluster.KubeconfigPath], []), cancellationToken) : null)
            await using (var prom = promProblem is null ? await StdioServer.StartAsync(PeerLaunch(install.Node ?? "node", [install.EntryPoint(PeerInstall.NodePrometheus), "stdio"], [new("PROMETHEUS_URL", backends.Monitoring.PrometheusUrl.ToString())]), cancellationToken) : null)
                await PeerInvestigator.WalkAsync(peers, go?.Client, prom?.Client, cancellationToken);

            crashes.AddRange(ours.Calls.Where(c => c.IsError && c.Text.Contains("failed unexpectedly", StringComparison.Ordinal)).Select(c => $"{name}: {c.Tool}: {c.Text}"));
            if (ours.ReachedCall is not null)
                reached++;
            if (ours.ReachedCall is not null && ours.Calls.Count <= MaxCalls && ours.Bytes <= MaxBytes)
                withinGoal++;
            var pods = scenario.KubernetesObjects.Count(o => o.Kind == "Pod");
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {scenario.FaultClass} | {pods.ToString("N0", CultureInfo.InvariantCulture)} | {Cells(ours)} | {Cells(peers)} |");
            details.AppendLine(CultureInfo.InvariantCulture, $"- **{name}** ours: {Steps(ours)}");
            details.AppendLine(CultureInfo.InvariantCulture, $"  peers: {Steps(peers)}");
            Print(name, "ours", ours);
            Print(name, "peers", peers);
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC: {chosen.Count} of {names.Count} scenarios in `demo/scenarios/`{(options.Scenarios.Count > 0 ? " (chosen with --scenarios)" : options.Short ? " (the short run skips the large, generated ones)" : "")}. ");
        text.AppendLine("For each, its demo backends (KubeFixture playing the folder over HTTPS, real Prometheus and Alertmanager, the PagerDuty/GitHub/runbook fixtures) and our three servers (Release, HTTP) start fresh. " +
            "A script walks the published triage flow, choosing every argument from earlier answers only: `k8s_find_unhealthy` → the top suspect (the pod saturating a node that has unhealthy pods beside it; else a workload whose containers fail before one that never started, then the newest trouble) and its `k8s_pod_logs` (previous run if it restarted; `k8s_describe_workload` when no container ran) → `prom_rules` firing (names and expressions) → `prom_query_range` of the chosen alert's expression (its threshold dropped) → `runbook_lookup` → `incident_timeline`. " +
            $"The community servers walk the closest equivalent: kubernetes-mcp-server (Go) {install.InstalledVersion(PeerInstall.GoKubernetes) ?? "not installed"} `pods_list` → `pods_log` of the worst pod → `events_list`, prometheus-mcp {install.InstalledVersion(PeerInstall.NodePrometheus) ?? "not installed"} `prometheus_query` of the firing `ALERTS` → `prometheus_query_range` of that alert. mcp-server-kubernetes is not walked (its tools shell out to kubectl, which the Go server's walk already covers).");
        text.AppendLine();
        text.AppendLine("Graded with `ground_truth.yaml`, which the script never reads: the root cause is reached when an answer names the root-cause entity (a token matching a filter of a `root_cause: true` group or a group aliased to it) and an answer shows the fault's evidence (the fault class's telltale, e.g. `OOMKilled`, `ImagePullBackOff`, `NotReady`, or a quoted fragment of the fault's condition). " +
            $"Goal: reached in every scenario in ≤ {MaxCalls} calls and ≤ {MaxBytes:N0} bytes. Ours: reached in {reached} of {chosen.Count}, within the goal in {withinGoal}.");
        text.AppendLine();
        text.Append(table).AppendLine();
        text.AppendLine("The walks, call by call (bytes; E = names the root-cause entity, V = shows the evidence, ! = error answer):").AppendLine();
        text.Append(details);
        if (goProblem is not null || promProblem is not null)
            text.AppendLine().AppendLine(string.Create(CultureInfo.InvariantCulture, $"Peers not walked: {goProblem ?? ""} {promProblem ?? ""}").TrimEnd());

        // A missed root cause is a finding; one of our servers failing unexpectedly is a defect, and fails the run (CI).
        if (crashes.Count > 0)
        {
            Console.WriteLine(text);
            throw new InvalidOperationException($"our servers failed unexpectedly during the walks: {string.Join("; ", crashes)}");
        }

        return text.ToString();
    }

    /// <summary>A cluster of a thousand pods or more (a generate.yaml one, as a rule).</summary>
    private static bool IsLarge(string name) => ScenarioCatalog.Load(name, DateTimeOffset.UtcNow).KubernetesObjects.Count(o => o.Kind == "Pod") >= LargePods;

    private const int LargePods = 1000;

    private static string Cells(TriageWalk walk) => walk.Calls.Count == 0 ? "not walked | | | | | " : string.Create(CultureInfo.InvariantCulture,
        $"{(walk.ReachedCall is { } at ? $"yes (call {at})" : "**no**")} | {Call(walk.EntityCall)} | {Call(walk.EvidenceCall)} | {walk.Calls.Count} | {walk.Bytes:N0} | {walk.Errors}");

    private static string Call(int? call) => call?.ToString(CultureInfo.InvariantCulture) ?? "–";

    private static string Steps(TriageWalk walk) => walk.Calls.Count == 0 ? "not walked" : string.Join("; ", walk.Calls.Select((c, i) => string.Create(CultureInfo.InvariantCulture,
        $"{i + 1} `{c.Tool}`({c.Arguments.Replace("|", "\\|", StringComparison.Ordinal)}) {c.Bytes:N0}{(walk.NamesRootCause(c.Text) ? " E" : "")}{(walk.ShowsEvidence(c.Text) ? " V" : "")}{(c.IsError ? " !" : "")}")));

    private static void Print(string scenario, string who, TriageWalk walk)
    {
        foreach (var (call, i) in walk.Calls.Select((c, i) => (c, i)))
            Console.WriteLine($"--- {scenario} {who} call {i + 1}: {call.Tool}({call.Arguments}) {call.Bytes} bytes{(call.IsError ? " ERROR" : "")}\n{call.Text}\n");
    }

    private static StdioLaunch PeerLaunch(string command, IReadOnlyList<string> arguments, IEnumerable<KeyValuePair<string, string?>> backend) =>
        new(command, arguments, McpClients.IsolatedEnvironment(backend));

    /// <summary>The demo backends of one scenario and our three servers pointed at them.</summary>
    private sealed class ScenarioBackends : IAsyncDisposable
    {
        private readonly string _state = Directory.CreateTempSubdirectory("sresuite-scenario-").FullName;

        public KubeFixtureServer Cluster { get; private set; } = null!;

        public DemoMonitoring Monitoring { get; private set; } = null!;

        public IncidentFixture Incidents { get; private set; } = null!;

        public ServerProcess Infra { get; private set; } = null!;

        public ServerProcess Observability { get; private set; } = null!;

        public ServerProcess Incident { get; private set; } = null!;

        public static async Task<ScenarioBackends> StartAsync(Scenario scenario, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var backends = new ScenarioBackends();
            try
            {
                backends.Cluster = await KubeFixtureServer.StartAsync(new KubeFixtureOptions { Now = now, Https = true, Scenario = scenario.Folder }, cancellationToken);
                backends.Monitoring = await DemoMonitoring.StartAsync(Path.Combine(backends._state, "monitoring"), scenario, TimeSpan.FromSeconds(15), cancellationToken);
                // The scenario's own incidents, on-call, deploys and commits; its runbooks and catalog below.
                backends.Incidents = await IncidentFixture.StartAsync(now: now, scenario: scenario, cancellationToken: cancellationToken);
                Dictionary<string, string?> Settings(IEnumerable<KeyValuePair<string, string?>> backend) => new(backend)
                {
                    ["Audit__Stderr"] = "false",
                    ["Mcp__RateLimitPerMinute"] = "100000",
                };
                backends.Infra = await ServerProcess.StartAsync("InfraTools", Settings([new("KUBECONFIG", backends.Cluster.KubeconfigPath)]), cancellationToken);
                backends.Observability = await ServerProcess.StartAsync("ObservabilityTools", Settings(
                [
                    new("PROMETHEUS_URL", backends.Monitoring.PrometheusUrl.ToString()),
                    new("ALERTMANAGER_URL", backends.Monitoring.AlertmanagerUrl.ToString()),
                ]), cancellationToken);
                var runbooks = Path.Combine(scenario.Folder, "runbooks");
                if (!Directory.Exists(runbooks))
                    runbooks = Directory.CreateDirectory(Path.Combine(backends._state, "no-runbooks")).FullName;
                backends.Incident = await ServerProcess.StartAsync("IncidentTools", Settings(backends.Incidents.ServerEnvironment.Concat(
                [
                    new("Runbooks__BaseUrl", "https://runbooks.example.com"),
                    new("Runbooks__Path", runbooks),
                    new("Catalog__Path", scenario.CatalogFile),
                ])), cancellationToken);
                return backends;
            }
            catch
            {
                await backends.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var server in new[] { Infra, Observability, Incident })
            {
                if (server is not null)
                    await server.DisposeAsync();
            }

            if (Incidents is not null)
                await Incidents.DisposeAsync();
            if (Monitoring is not null)
                await Monitoring.DisposeAsync();
            if (Cluster is not null)
                await Cluster.DisposeAsync();
            Directory.Delete(_state, recursive: true);
        }
    }
}
