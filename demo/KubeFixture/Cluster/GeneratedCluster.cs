using System.Text.Json.Nodes;
using SreSuite.KubeFixture.Api;

namespace SreSuite.KubeFixture.Cluster;

/// <summary>
/// A large cluster generated from a pod count, for scale tests and the bench: 50 pods a node, teams of
/// deployments, many unrelated pre-existing problems (crash loops, image pulls, OOM kills, unschedulable and
/// unready pods, each owned by a different workload), one NotReady node with pods stranded on it, and the
/// warning events all of this raises. Deterministic for a pod count and a "now".
/// </summary>
public sealed class GeneratedCluster
{
    /// <summary>The workload whose broken rollout is the incident among the noise.</summary>
    public const string RootCauseWorkload = "payments/payments-api";

    private static readonly string[] Problems = ["CrashLoopBackOff", "ImagePullBackOff", "OOMKilled", "Unschedulable", "NotReady"];

    private readonly List<(ApiResource Resource, JsonObject Object)> _objects = [];
    private readonly List<string> _affected = [];
    private readonly DateTimeOffset _now;
    private readonly Random _random;
    private int _events;

    private GeneratedCluster(int pods, DateTimeOffset now)
    {
        _now = now;
        _random = new Random(pods);
        PodCount = pods;
        NodeCount = Math.Max(3, pods / 50);
        NotReadyNode = NodeName(Math.Min(7, NodeCount));
        Generate();
    }

    public int PodCount { get; }

    public int NodeCount { get; }

    /// <summary>The one node that stopped reporting.</summary>
    public string NotReadyNode { get; }

    /// <summary><c>namespace/name</c> of every workload with unhealthy pods (not counting the stranded ones).</summary>
    public IReadOnlyList<string> AffectedWorkloads => _affected;

    /// <summary>Builds the cluster of about <paramref name="pods"/> pods (at least 100).</summary>
    public static GeneratedCluster Of(int pods, DateTimeOffset now) => new(Math.Max(100, pods), now);

    public void Populate(ObjectStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        foreach (var (resource, obj) in _objects)
            store.Put(resource, (JsonObject)obj.DeepClone());
    }

    private static string NodeName(int index) => $"node-{index:000}";

    private string Time(TimeSpan ago) => JsonFields.Rfc3339(_now - ago);

    private void Generate()
    {
        for (var i = 1; i <= NodeCount; i++)
            _objects.Add((ApiResources.Nodes, Node(NodeName(i), NodeName(i) != NotReadyNode)));

        // One broken workload per 200 pods, the root cause among them; the rest of the pods healthy.
        var broken = PodCount / 200;
        var teams = Math.Max(1, PodCount / 100);
        var written = 0;
        var workloadIndex = 0;
        AddNamespace("payments");
        written += AddDeployment("payments", "payments-api", 4, "CrashLoopBackOff", rootCause: true);
        for (var team = 0; written < PodCount; team = (team + 1) % teams)
        {
            var ns = $"team-{team:000}";
            if (workloadIndex < teams)
                AddNamespace(ns);
            var replicas = 2 + _random.Next(0, 7);
            var problem = workloadIndex % (1 + Math.Max(1, (PodCount / 5) / Math.Max(1, broken))) == 3 && _affected.Count < broken
                ? Problems[_affected.Count % Problems.Length]
                : null;
            written += AddDeployment(ns, $"svc-{workloadIndex:0000}", Math.Min(replicas, PodCount - written), problem, rootCause: false);
            workloadIndex++;
        }
    }

    private void AddNamespace(string name) => _objects.Add((ApiResources.Namespaces, new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = name, ["uid"] = Names.Uid($"ns/{name}"), ["creationTimestamp"] = Time(TimeSpan.FromDays(200)) },
        ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
        ["status"] = new JsonObject { ["phase"] = "Active" },
    }));

    private JsonObject Node(string name, bool ready)
    {
        var heartbeat = ready ? Time(TimeSpan.FromSeconds(20)) : Time(TimeSpan.FromMinutes(25));
        var condition = ready
            ? new JsonObject { ["type"] = "Ready", ["status"] = "True", ["lastHeartbeatTime"] = heartbeat, ["lastTransitionTime"] = Time(TimeSpan.FromDays(60)), ["reason"] = "KubeletReady", ["message"] = "kubelet is posting ready status" }
            : new JsonObject { ["type"] = "Ready", ["status"] = "Unknown", ["lastHeartbeatTime"] = heartbeat, ["lastTransitionTime"] = Time(TimeSpan.FromMinutes(24)), ["reason"] = "NodeStatusUnknown", ["message"] = "Kubelet stopped posting node status." };
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject { ["name"] = name, ["uid"] = Names.Uid($"node/{name}"), ["creationTimestamp"] = Time(TimeSpan.FromDays(60)), ["labels"] = new JsonObject { ["kubernetes.io/hostname"] = name } },
            ["spec"] = ready ? new JsonObject() : new JsonObject { ["taints"] = new JsonArray(new JsonObject { ["key"] = "node.kubernetes.io/unreachable", ["effect"] = "NoExecute", ["timeAdded"] = Time(TimeSpan.FromMinutes(24)) }) },
            ["status"] = new JsonObject
            {
                ["conditions"] = new JsonArray(condition),
                ["capacity"] = new JsonObject { ["cpu"] = "8", ["memory"] = "32Gi", ["pods"] = "110" },
                ["allocatable"] = new JsonObject { ["cpu"] = "7910m", ["memory"] = "31Gi", ["pods"] = "110" },
                ["nodeInfo"] = new JsonObject { ["kubeletVersion"] = "v1.31.4", ["containerRuntimeVersion"] = "containerd://1.7.22" },
            },
        };
    }

    /// <summary>A deployment, its ReplicaSet and pods; returns the pods written.</summary>
    private int AddDeployment(string ns, string name, int replicas, string? problem, bool rootCause)
    {
        if (replicas <= 0)
            return 0;
        var hash = Names.Digest($"{ns}/{name}")[..10];
        var rsName = $"{name}-{hash}";
        var created = TimeSpan.FromDays(30 + _random.Next(0, 300));
        var image = $"registry.example.com/{ns}/{name}:v1.{_random.Next(0, 40)}.{_random.Next(0, 9)}";
        var healthyPods = problem is null ? replicas : problem is "OOMKilled" or "NotReady" ? 0 : replicas / 2;
        if (problem is not null)
            _affected.Add($"{ns}/{name}");
        var deploymentUid = Names.Uid($"deploy/{ns}/{name}");
        var rsUid = Names.Uid($"rs/{ns}/{rsName}");
        var labels = new JsonObject { ["app"] = name };
        var available = replicas;
        var pods = new List<JsonObject>();
        for (var i = 0; i < replicas; i++)
        {
            var podName = $"{rsName}-{Names.Digest($"{rsName}/{i}")[..5]}";
            var node = NodeName(1 + (_objects.Count + i * 7) % NodeCount);
            var podProblem = i < healthyPods ? null : problem;
            if (podProblem is not null and not "OOMKilled")
                available--;
            else if (node == NotReadyNode)
                available--;
            pods.Add(Pod(ns, podName, name, rsName, rsUid, hash, image, podProblem, podProblem == "Unschedulable" ? null : node, rootCause, podProblem is null ? created : TimeSpan.FromMinutes(rootCause ? 38 : 60 + _random.Next(0, 600))));
        }

        _objects.Add((ApiResources.Deployments, new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["uid"] = deploymentUid, ["generation"] = 3, ["creationTimestamp"] = Time(created), ["labels"] = labels.DeepClone() },
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas,
                ["selector"] = new JsonObject { ["matchLabels"] = labels.DeepClone() },
                ["template"] = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() }, ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = name, ["image"] = image }) } },
            },
            ["status"] = new JsonObject
            {
                ["observedGeneration"] = 3,
                ["replicas"] = replicas,
                ["updatedReplicas"] = replicas,
                ["readyReplicas"] = available,
                ["availableReplicas"] = available,
                ["unavailableReplicas"] = replicas - available,
                ["conditions"] = new JsonArray(
                    new JsonObject { ["type"] = "Available", ["status"] = available >= replicas ? "True" : "False", ["reason"] = available >= replicas ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable", ["message"] = "Deployment availability.", ["lastUpdateTime"] = Time(TimeSpan.FromMinutes(30)), ["lastTransitionTime"] = Time(TimeSpan.FromMinutes(30)) },
                    new JsonObject { ["type"] = "Progressing", ["status"] = "True", ["reason"] = "NewReplicaSetAvailable", ["message"] = $"ReplicaSet \"{rsName}\" has successfully progressed.", ["lastUpdateTime"] = Time(created), ["lastTransitionTime"] = Time(created) }),
            },
        }));
        _objects.Add((ApiResources.ReplicaSets, new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = rsName, ["namespace"] = ns, ["uid"] = rsUid, ["creationTimestamp"] = Time(created),
                ["labels"] = new JsonObject { ["app"] = name, ["pod-template-hash"] = hash },
                ["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = name, ["uid"] = deploymentUid, ["controller"] = true, ["blockOwnerDeletion"] = true }),
            },
            ["spec"] = new JsonObject { ["replicas"] = replicas, ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name, ["pod-template-hash"] = hash } } },
            ["status"] = new JsonObject { ["replicas"] = replicas, ["readyReplicas"] = available, ["availableReplicas"] = available },
        }));
        foreach (var pod in pods)
            _objects.Add((ApiResources.Pods, pod));
        return replicas;
    }

    private JsonObject Pod(string ns, string name, string app, string rsName, string rsUid, string hash, string image, string? problem, string? node, bool rootCause, TimeSpan age)
    {
        var started = Time(age);
        var uid = Names.Uid($"pod/{ns}/{name}");
        JsonObject state;
        JsonObject? lastState = null;
        var ready = problem is null or "OOMKilled" && node != NotReadyNode;
        var restarts = 0;
        var phase = "Running";
        switch (problem)
        {
            case "CrashLoopBackOff":
                restarts = 8 + _random.Next(0, 12);
                state = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "CrashLoopBackOff", ["message"] = $"back-off 5m0s restarting failed container={app} pod={name}_{ns}({uid})" } };
                lastState = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = rootCause ? 1 : 137 - 136 * (_random.Next(0, 2)), ["reason"] = "Error", ["startedAt"] = Time(TimeSpan.FromMinutes(3)), ["finishedAt"] = Time(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(_random.Next(0, 50))), ["containerID"] = $"containerd://{Names.Digest(name)}" } };
                break;
            case "ImagePullBackOff":
                state = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ImagePullBackOff", ["message"] = $"Back-off pulling image \"{image}-rc\"" } };
                break;
            case "OOMKilled":
                restarts = 1 + _random.Next(0, 4);
                state = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = Time(TimeSpan.FromMinutes(12)) } };
                lastState = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 137, ["reason"] = "OOMKilled", ["startedAt"] = Time(TimeSpan.FromMinutes(50)), ["finishedAt"] = Time(TimeSpan.FromMinutes(12)), ["containerID"] = $"containerd://{Names.Digest(name)}" } };
                break;
            case "Unschedulable":
                phase = "Pending";
                state = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } };
                break;
            default:
                state = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = started } };
                break;
        }

        var conditions = new JsonArray(
            new JsonObject { ["type"] = "PodScheduled", ["status"] = node is null ? "False" : "True", ["lastTransitionTime"] = started, ["reason"] = node is null ? "Unschedulable" : null, ["message"] = node is null ? "0/200 nodes are available: 200 Insufficient memory. preemption: 0/200 nodes are available: 200 No preemption victims found for incoming pod." : null },
            new JsonObject { ["type"] = "Ready", ["status"] = ready ? "True" : "False", ["lastTransitionTime"] = node == NotReadyNode ? Time(TimeSpan.FromMinutes(24)) : started, ["reason"] = ready ? null : node == NotReadyNode ? "NodeNotReady" : "ContainersNotReady" });
        foreach (var condition in conditions.OfType<JsonObject>())
        {
            foreach (var key in condition.Where(p => p.Value is null).Select(p => p.Key).ToList())
                condition.Remove(key);
        }

        var status = new JsonObject
        {
            ["phase"] = phase,
            ["conditions"] = conditions,
            ["startTime"] = started,
        };
        if (node is not null)
        {
            var container = new JsonObject { ["name"] = app, ["image"] = image, ["imageID"] = "", ["ready"] = ready, ["restartCount"] = restarts, ["started"] = problem is null or "OOMKilled", ["state"] = state };
            if (lastState is not null)
                container["lastState"] = lastState;
            status["containerStatuses"] = new JsonArray(container);
            status["podIP"] = $"10.{_random.Next(100, 250)}.{_random.Next(0, 255)}.{_random.Next(1, 255)}";
        }

        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject
            {
                ["name"] = name, ["namespace"] = ns, ["uid"] = uid, ["creationTimestamp"] = started,
                ["labels"] = new JsonObject { ["app"] = app, ["pod-template-hash"] = hash },
                ["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "ReplicaSet", ["name"] = rsName, ["uid"] = rsUid, ["controller"] = true, ["blockOwnerDeletion"] = true }),
            },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = app, ["image"] = image }), ["restartPolicy"] = "Always" },
            ["status"] = status,
        };
        if (node is not null)
            pod["spec"]!["nodeName"] = node;
        AddEvents(pod, ns, name, problem, node);
        return pod;
    }

    private void AddEvents(JsonObject pod, string ns, string name, string? problem, string? node)
    {
        var (reason, message, count) = problem switch
        {
            "CrashLoopBackOff" => ("BackOff", "Back-off restarting failed container", 40 + _random.Next(0, 200)),
            "ImagePullBackOff" => ("Failed", "Error: ImagePullBackOff", 20 + _random.Next(0, 100)),
            "Unschedulable" => ("FailedScheduling", "0/200 nodes are available: 200 Insufficient memory.", 5 + _random.Next(0, 10)),
            "NotReady" => ("Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503", 30 + _random.Next(0, 300)),
            "OOMKilled" => ("BackOff", "Back-off restarting failed container", 1 + _random.Next(0, 4)),
            _ => node == NotReadyNode ? ("NodeNotReady", "Node is not ready", 1) : default,
        };
        if (reason is null)
            return;
        _events++;
        _objects.Add((ApiResources.Events, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = $"{name}.{_events:x8}", ["namespace"] = ns, ["uid"] = Names.Uid($"event/{ns}/{name}/{_events}"), ["creationTimestamp"] = Time(TimeSpan.FromMinutes(50)) },
            ["involvedObject"] = new JsonObject { ["kind"] = "Pod", ["namespace"] = ns, ["name"] = name, ["uid"] = JsonFields.Text(pod, "metadata.uid"), ["apiVersion"] = "v1" },
            ["reason"] = reason,
            ["message"] = message,
            ["source"] = new JsonObject { ["component"] = reason == "FailedScheduling" ? "default-scheduler" : "kubelet", ["host"] = node },
            ["firstTimestamp"] = Time(TimeSpan.FromMinutes(50)),
            ["lastTimestamp"] = Time(TimeSpan.FromSeconds(30 + _random.Next(0, 600))),
            ["count"] = count,
            ["type"] = "Warning",
            ["reportingComponent"] = reason == "FailedScheduling" ? "default-scheduler" : "kubelet",
            ["reportingInstance"] = node ?? "",
        }));
    }
}
