using System.Globalization;
using System.Text.Json.Nodes;
using SreSuite.KubeFixture.Api;
using SreSuite.Scenarios;

namespace SreSuite.KubeFixture.Cluster;

/// <summary>
/// A scenario folder's Kubernetes side (docs/scenarios.md): its objects and events as the API returns them, the
/// clusters its generate.yaml describes, and its container logs. Objects are served as written, with what the API
/// server and its controllers would add when a snapshot leaves it out: a uid, the Namespace objects, Endpoints and
/// EndpointSlices for Services.
/// </summary>
public sealed class ScenarioCluster
{
    private readonly Dictionary<(string Namespace, string Pod, string Container, bool Previous), string> _logFiles;
    private readonly ScenarioClock _clock;
    private readonly ObjectStore _store;

    private ScenarioCluster(Scenario scenario, ObjectStore store)
    {
        Scenario = scenario;
        _store = store;
        _clock = scenario.Clock;
        _logFiles = scenario.Logs.ToDictionary(l => (l.Namespace, l.Pod, l.Container, l.Previous), l => l.Path);
        Usage = new ScenarioUsage(scenario.Metrics, scenario.Clock.Now);
    }

    public Scenario Scenario { get; }

    /// <summary>Container usage from the scenario's cAdvisor series, which metrics.k8s.io serves where they exist.</summary>
    public ScenarioUsage Usage { get; }

    /// <summary>Fills <paramref name="store"/> with the scenario's objects; the logs are then read through the returned cluster.</summary>
    public static ScenarioCluster Populate(ObjectStore store, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(scenario);
        var namespaces = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var item in scenario.KubernetesObjects)
        {
            // The loader admits only the kinds in ScenarioLoader.ServedKinds, at the version served; a kind missing
            // here is a fixture bug, named with the file that brought it.
            var resource = ApiResources.Stored.FirstOrDefault(r => r.Kind == item.Kind && r.GroupVersion == item.ApiVersion)
                ?? throw new ScenarioFormatException(item.File, "kind", $"{item.ApiVersion} {item.Kind} is not served by the Kubernetes fixture");
            var json = (JsonObject)item.Json.DeepClone();
            var metadata = json["metadata"]!.AsObject();
            metadata["uid"] ??= Names.Uid($"{item.Kind}/{item.Namespace}/{item.Name}");
            metadata["creationTimestamp"] ??= JsonFields.Rfc3339(scenario.Clock.Now - TimeSpan.FromDays(30));
            store.Put(resource, json);
            if (item.Namespace is not null)
                namespaces.Add(item.Namespace);
        }

        // A namespace holding objects exists on a real cluster even when a snapshot did not capture its object.
        foreach (var ns in namespaces.Where(ns => store.Get(ApiResources.Namespaces, null, ns) is null))
        {
            store.Put(ApiResources.Namespaces, new JsonObject
            {
                ["apiVersion"] = "v1", ["kind"] = "Namespace",
                ["metadata"] = new JsonObject
                {
                    ["name"] = ns, ["uid"] = Names.Uid($"Namespace//{ns}"), ["creationTimestamp"] = JsonFields.Rfc3339(scenario.Clock.Now - TimeSpan.FromDays(90)),
                    ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = ns },
                },
                ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
                ["status"] = new JsonObject { ["phase"] = "Active" },
            });
        }

        ServiceEndpoints.Populate(store, keepExisting: true);
        return new ScenarioCluster(scenario, store);
    }

    /// <summary>
    /// The pod's log from <c>logs/&lt;namespace&gt;/&lt;pod&gt;/&lt;container&gt;[.previous].log</c>, after the API server's
    /// own refusals (<see cref="PodLogs.Refusal"/>) and the 500 it answers when the pod's node is unreachable (Ready
    /// Unknown: the kubelet it would fetch the log from is gone). A container with no file wrote nothing, except that a terminated
    /// run's termination message is what it last wrote (terminationMessagePolicy FallbackToLogsOnError).
    /// </summary>
    public (IReadOnlyList<LogLine>? Lines, JsonObject? Error) Read(JsonObject pod, string? container, bool previous)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (PodLogs.Refusal(pod, container, previous, out var resolved) is { } refusal)
            return (null, refusal);
        var ns = JsonFields.Text(pod, "metadata.namespace")!;
        var name = JsonFields.Text(pod, "metadata.name")!;

        // The API server fetches logs from the pod's kubelet; on a node that stopped posting status it cannot.
        var nodeName = JsonFields.Text(pod, "spec.nodeName")!;
        if (_store.Get(ApiResources.Nodes, null, nodeName) is { } node
            && JsonFields.Items(node, "status.conditions").Any(c => JsonFields.Text(c, "type") == "Ready" && JsonFields.Text(c, "status") == "Unknown"))
        {
            var address = JsonFields.Items(node, "status.addresses").Select(a => JsonFields.Text(a, "address")).FirstOrDefault() ?? JsonFields.Text(pod, "status.hostIP") ?? nodeName;
            return (null, Statuses.Failure(500, "InternalError",
                $"Get \"https://{address}:10250/containerLogs/{ns}/{name}/{resolved}\": dial tcp {address}:10250: connect: no route to host"));
        }

        var status = JsonFields.Items(pod, "status.containerStatuses").Concat(JsonFields.Items(pod, "status.initContainerStatuses"))
            .FirstOrDefault(s => JsonFields.Text(s, "name") == resolved);
        var waiting = JsonFields.Text(status, "state.waiting.reason");

        // A crash-looping container's current log is that of its last, terminated run, as kubectl shows it.
        var run = previous || waiting == "CrashLoopBackOff" ? "lastState.terminated" : JsonFields.At(status, "state.terminated") is not null ? "state.terminated" : "state.running";
        var start = JsonFields.Time(status, $"{run}.startedAt") ?? JsonFields.Time(pod, "status.startTime") ?? _clock.Now;
        var end = JsonFields.Time(status, $"{run}.finishedAt") ?? _clock.Now;
        if (end < start)
            end = start;

        // The current file of a crash-looping container also serves --previous when no .previous.log was written.
        if (_logFiles.TryGetValue((ns, name, resolved, previous), out var path)
            || (previous && waiting == "CrashLoopBackOff" && _logFiles.TryGetValue((ns, name, resolved, false), out path)))
            return (Parse(File.ReadAllLines(path), start, end), null);
        var message = JsonFields.Text(status, $"{run}.message");
        return (message is null ? [] : [.. message.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => new LogLine(end, line))], null);
    }

    /// <summary>
    /// Log lines with the time each was written: a leading RFC 3339 time or offset (<c>-3m12s</c>) is the line's time
    /// and is taken off the text; a line without one follows the line before it. When no line has a time, the lines are
    /// spread evenly over the run, so <c>sinceSeconds</c> and <c>tailLines</c> behave as on a real container.
    /// </summary>
    public IReadOnlyList<LogLine> Parse(IReadOnlyList<string> text, DateTimeOffset start, DateTimeOffset end)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parsed = new List<(DateTimeOffset? Time, string Text)>(text.Count);
        foreach (var line in text)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var head = space > 0 ? line[..space] : line;
            if (head.Length > 1 && (char.IsAsciiDigit(head[0]) || head[0] is '-' or '+' || head.StartsWith("now", StringComparison.Ordinal)) && _clock.TryResolve(head, out var at))
                parsed.Add((at, space > 0 ? line[(space + 1)..] : ""));
            else
                parsed.Add((null, line));
        }

        var lines = new List<LogLine>(parsed.Count);
        if (parsed.All(p => p.Time is null))
        {
            var step = parsed.Count > 1 ? (end - start) / (parsed.Count - 1) : TimeSpan.Zero;
            for (var i = 0; i < parsed.Count; i++)
                lines.Add(new LogLine(start + (step * i), parsed[i].Text));
            return lines;
        }

        var current = parsed.First(p => p.Time is not null).Time!.Value;
        foreach (var (time, line) in parsed)
        {
            current = time ?? current;
            lines.Add(new LogLine(current, line));
        }

        return lines;
    }

    /// <summary>A one-line summary for the fixture's start-up banner.</summary>
    public string Describe(ObjectStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return string.Create(CultureInfo.InvariantCulture,
            $"scenario {Scenario.Name} ({Scenario.FaultClass}): {store.Count(ApiResources.Nodes)} nodes, {store.Count(ApiResources.Pods)} pods, {store.Count(ApiResources.Events)} events, {_logFiles.Count} container logs");
    }
}
