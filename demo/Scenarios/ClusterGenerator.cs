using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SreSuite.Scenarios;

/// <summary>
/// <c>kubernetes/generate.yaml</c>: nodes and workloads described by count instead of listed one by one, expanded into
/// the same API objects a file would hold (Namespace, Node, Deployment, ReplicaSet, Pod), for clusters of thousands of pods.
/// Names are deterministic, so ground-truth filters and alert labels can name them.
/// </summary>
internal static class ClusterGenerator
{
    private static readonly string[] States = ["running", "crashloop", "imagepull", "pending", "oomkilled", "completed", "notready"];

    public static void Expand(ScenarioNode doc, ScenarioClock clock, List<KubeObject> into)
    {
        doc.RequireObject("nodes", "workloads");
        var nodesNode = doc["nodes"].RequireObject("prefix", "count", "not_ready", "cpu", "memory");
        var prefix = nodesNode["prefix"].OptionalString() ?? "node-";
        var nodeCount = nodesNode["count"].WholeNumber(1, 100_000);
        var notReady = nodesNode["not_ready"].Items().Select(n => n.Text()).ToHashSet(StringComparer.Ordinal);
        var nodes = Enumerable.Range(1, nodeCount).Select(i => $"{prefix}{i.ToString(nodeCount >= 100 ? "000" : "00", CultureInfo.InvariantCulture)}").ToList();
        foreach (var missing in notReady.Where(n => !nodes.Contains(n)))
            throw nodesNode["not_ready"].Error($"'{missing}' is not one of the generated nodes ({nodes[0]} … {nodes[^1]})");
        var created = clock.Now - TimeSpan.FromDays(30);
        foreach (var node in nodes)
            into.Add(Node(node, notReady.Contains(node), created, clock, nodesNode["cpu"].OptionalString() ?? "8", nodesNode["memory"].OptionalString() ?? "32Gi", doc.File));

        var namespaces = new HashSet<string>(StringComparer.Ordinal);
        var placement = 0;
        foreach (var item in doc["workloads"].Items(required: true))
        {
            item.RequireObject("namespace", "name", "count", "replicas", "image", "container", "state", "unhealthy", "restarts", "reason", "message", "since", "node", "labels");
            var ns = item["namespace"].Text();
            var baseName = item["name"].Text();
            var count = item["count"].IsMissing ? 1 : item["count"].WholeNumber(1, 100_000);
            var replicas = item["replicas"].IsMissing ? 1 : item["replicas"].WholeNumber(0, 10_000);
            var image = item["image"].Text();
            var container = item["container"].OptionalString() ?? baseName;
            var state = item["state"].OptionalString() ?? "running";
            if (!States.Contains(state))
                throw item["state"].Error($"'{state}' is not one of {string.Join(", ", States)}");
            var unhealthy = item["unhealthy"].IsMissing ? replicas : item["unhealthy"].WholeNumber(0, replicas);
            var since = item["since"].IsMissing ? clock.Now - TimeSpan.FromHours(1) : item["since"].Time(clock);
            var fixedNode = item["node"].OptionalString();
            if (fixedNode is not null && !nodes.Contains(fixedNode))
                throw item["node"].Error($"'{fixedNode}' is not one of the generated nodes");
            var spec = new WorkloadSpec(container, image, state, item["restarts"].IsMissing ? 0 : item["restarts"].WholeNumber(), item["reason"].OptionalString(),
                item["message"].OptionalString(), since, ScenarioLoader.Labels(item["labels"]));

            if (namespaces.Add(ns))
                into.Add(new KubeObject("v1", "Namespace", null, ns, new JsonObject
                {
                    ["apiVersion"] = "v1", ["kind"] = "Namespace",
                    ["metadata"] = new JsonObject { ["name"] = ns, ["uid"] = Uid($"ns/{ns}"), ["creationTimestamp"] = Stamp(created) },
                    ["status"] = new JsonObject { ["phase"] = "Active" },
                }, doc.File));

            for (var w = 0; w < count; w++)
            {
                var name = count == 1 ? baseName : $"{baseName}-{(w + 1).ToString("000", CultureInfo.InvariantCulture)}";
                var hash = Suffix($"{ns}/{name}/{image}", 10);
                var pods = new List<KubeObject>(replicas);
                var ready = 0;
                for (var r = 0; r < replicas; r++)
                {
                    var podName = $"{name}-{hash}-{Suffix($"{ns}/{name}/{r}", 5)}";
                    var node = state == "pending" && r < unhealthy ? null : fixedNode ?? nodes[placement++ % nodes.Count];
                    var podState = r < unhealthy ? state : "running";
                    if (node is not null && notReady.Contains(node) && podState == "running")
                        podState = "notready";
                    if (podState == "running")
                        ready++;
                    pods.Add(Pod(ns, name, podName, hash, node, podState, spec, created, clock, doc.File));
                }

                // The status a controller would write: ready and available count the pods that are ready, so a
                // healthy workload (state running, whatever 'unhealthy' says) reads replicas/replicas.
                into.Add(Workload("apps/v1", "Deployment", ns, name, replicas, ready, image, container, created, hash, doc.File));
                into.Add(Workload("apps/v1", "ReplicaSet", ns, $"{name}-{hash}", replicas, ready, image, container, created, hash, doc.File));
                into.AddRange(pods);
            }
        }
    }

    private sealed record WorkloadSpec(string Container, string Image, string State, int Restarts, string? Reason, string? Message, DateTimeOffset Since, Dictionary<string, string> Labels);

    private static KubeObject Node(string name, bool notReady, DateTimeOffset created, ScenarioClock clock, string cpu, string memory, string file) => new("v1", "Node", null, name, new JsonObject
    {
        ["apiVersion"] = "v1", ["kind"] = "Node",
        ["metadata"] = new JsonObject
        {
            ["name"] = name, ["uid"] = Uid($"node/{name}"), ["creationTimestamp"] = Stamp(created),
            ["labels"] = new JsonObject { ["kubernetes.io/hostname"] = name, ["kubernetes.io/os"] = "linux" },
        },
        ["spec"] = notReady ? new JsonObject { ["taints"] = new JsonArray(new JsonObject { ["key"] = "node.kubernetes.io/unreachable", ["effect"] = "NoExecute" }) } : new JsonObject(),
        ["status"] = new JsonObject
        {
            ["capacity"] = new JsonObject { ["cpu"] = cpu, ["memory"] = memory, ["pods"] = "110" },
            ["allocatable"] = new JsonObject { ["cpu"] = cpu, ["memory"] = memory, ["pods"] = "110" },
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Ready", ["status"] = notReady ? "Unknown" : "True",
                ["reason"] = notReady ? "NodeStatusUnknown" : "KubeletReady",
                ["message"] = notReady ? "Kubelet stopped posting node status." : "kubelet is posting ready status",
                ["lastHeartbeatTime"] = Stamp(notReady ? clock.Now - TimeSpan.FromMinutes(45) : clock.Now - TimeSpan.FromSeconds(20)),
                ["lastTransitionTime"] = Stamp(notReady ? clock.Now - TimeSpan.FromMinutes(44) : created),
            }),
            ["nodeInfo"] = new JsonObject { ["kubeletVersion"] = "v1.31.4", ["osImage"] = "Debian GNU/Linux 12 (bookworm)", ["containerRuntimeVersion"] = "containerd://1.7.24" },
        },
    }, file);

    private static KubeObject Workload(string apiVersion, string kind, string ns, string name, int replicas, int ready, string image, string container, DateTimeOffset created, string hash, string file)
    {
        var app = kind == "ReplicaSet" ? name[..name.LastIndexOf('-')] : name;
        return new KubeObject(apiVersion, kind, ns, name, new JsonObject
        {
            ["apiVersion"] = apiVersion, ["kind"] = kind,
            ["metadata"] = new JsonObject
            {
                ["name"] = name, ["namespace"] = ns, ["uid"] = Uid($"{kind}/{ns}/{name}"), ["creationTimestamp"] = Stamp(created),
                ["labels"] = new JsonObject { ["app"] = app, ["pod-template-hash"] = hash },
                ["generation"] = 1,
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = app } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = app } },
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = container, ["image"] = image }) },
                },
            },
            ["status"] = new JsonObject { ["replicas"] = replicas, ["readyReplicas"] = ready, ["availableReplicas"] = ready, ["updatedReplicas"] = replicas, ["observedGeneration"] = 1 },
        }, file);
    }

    private static KubeObject Pod(string ns, string workload, string name, string hash, string? node, string state, WorkloadSpec spec, DateTimeOffset created, ScenarioClock clock, string file)
    {
        var started = state == "running" || state == "notready" ? created : spec.Since;
        JsonObject containerState;
        JsonObject? lastState = null;
        var restarts = state is "crashloop" or "oomkilled" ? Math.Max(spec.Restarts, 1) : spec.Restarts;
        var ready = state is "running";
        switch (state)
        {
            case "crashloop":
            case "oomkilled":
                containerState = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "CrashLoopBackOff", ["message"] = $"back-off 5m0s restarting failed container={spec.Container} pod={name}_{ns}" } };
                lastState = new JsonObject
                {
                    ["terminated"] = new JsonObject
                    {
                        ["exitCode"] = state == "oomkilled" ? 137 : 1, ["reason"] = state == "oomkilled" ? "OOMKilled" : spec.Reason ?? "Error",
                        ["message"] = spec.Message, ["startedAt"] = Stamp(clock.Now - TimeSpan.FromMinutes(4)), ["finishedAt"] = Stamp(clock.Now - TimeSpan.FromMinutes(3)),
                    },
                };
                break;
            case "imagepull":
                containerState = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ImagePullBackOff", ["message"] = spec.Message ?? $"Back-off pulling image \"{spec.Image}\"" } };
                break;
            case "pending":
                containerState = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } };
                break;
            case "completed":
                containerState = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 0, ["reason"] = "Completed", ["startedAt"] = Stamp(spec.Since), ["finishedAt"] = Stamp(spec.Since + TimeSpan.FromMinutes(1)) } };
                break;
            default:
                containerState = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = Stamp(started) } };
                break;
        }

        var labels = new JsonObject { ["app"] = workload, ["pod-template-hash"] = hash };
        foreach (var (key, value) in spec.Labels)
            labels[key] = value;
        var phase = state switch { "pending" => "Pending", "completed" => "Succeeded", _ => "Running" };
        var status = new JsonObject
        {
            ["phase"] = phase,
            ["conditions"] = state == "pending"
                ? new JsonArray(new JsonObject
                {
                    ["type"] = "PodScheduled", ["status"] = "False", ["reason"] = "Unschedulable",
                    ["message"] = spec.Message ?? "0/3 nodes are available: 3 Insufficient memory.", ["lastTransitionTime"] = Stamp(spec.Since),
                })
                : new JsonArray(
                    new JsonObject { ["type"] = "PodScheduled", ["status"] = "True", ["lastTransitionTime"] = Stamp(started) },
                    new JsonObject { ["type"] = "Ready", ["status"] = ready ? "True" : "False", ["lastTransitionTime"] = Stamp(ready ? started : spec.Since) }),
            ["qosClass"] = "Burstable",
        };
        if (state != "pending")
        {
            status["podIP"] = PodIp(name);
            status["hostIP"] = "10.0.0." + (1 + (Stable(node ?? "") % 250)).ToString(CultureInfo.InvariantCulture);
            status["startTime"] = Stamp(started);
            var containerStatus = new JsonObject
            {
                ["name"] = spec.Container, ["image"] = spec.Image, ["imageID"] = state == "imagepull" ? "" : $"{spec.Image.Split(':')[0]}@sha256:{Digest(spec.Image)}",
                ["ready"] = ready, ["started"] = state is "running", ["restartCount"] = restarts, ["state"] = containerState,
            };
            if (lastState is not null)
                containerStatus["lastState"] = lastState;
            status["containerStatuses"] = new JsonArray(containerStatus);
        }

        var podSpec = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = spec.Container, ["image"] = spec.Image,
                ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "128Mi" }, ["limits"] = new JsonObject { ["memory"] = "512Mi" } },
            }),
            ["restartPolicy"] = state == "completed" ? "Never" : "Always",
        };
        if (node is not null)
            podSpec["nodeName"] = node;
        return new KubeObject("v1", "Pod", ns, name, new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Pod",
            ["metadata"] = new JsonObject
            {
                ["name"] = name, ["namespace"] = ns, ["uid"] = Uid($"pod/{ns}/{name}"), ["creationTimestamp"] = Stamp(started), ["labels"] = labels,
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "apps/v1", ["kind"] = "ReplicaSet", ["name"] = $"{workload}-{hash}", ["uid"] = Uid($"ReplicaSet/{ns}/{workload}-{hash}"), ["controller"] = true,
                }),
            },
            ["spec"] = podSpec,
            ["status"] = status,
        }, file);
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>A deterministic suffix in apimachinery's alphabet.</summary>
    internal static string Suffix(string seed, int length)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        var chars = new char[length];
        for (var i = 0; i < length; i++)
            chars[i] = Alphabet[hash[i] % Alphabet.Length];
        return new string(chars);
    }

    private static string Uid(string identity) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(identity)).AsSpan(0, 16)).ToString();

    private static string Digest(string identity) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));

    private static int Stable(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
                hash = (hash ^ c) * 16777619;
            return hash & 0x7fffffff;
        }
    }

    internal static string PodIp(string pod)
    {
        var h = Stable(pod);
        return $"10.{42 + (h % 4)}.{(h >> 8) % 256}.{2 + ((h >> 16) % 250)}";
    }
}
