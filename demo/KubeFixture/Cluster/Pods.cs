using System.Text.Json.Nodes;
using SreSuite.KubeFixture.Api;

namespace SreSuite.KubeFixture.Cluster;

/// <summary>One pod to generate: which workload, where it runs, since when, and what it is going through.</summary>
internal sealed record PodPlan(
    Workload Workload,
    JsonObject Template,
    string Name,
    JsonObject Owner,
    string? GenerateName,
    DateTimeOffset Created,
    PodCondition Condition)
{
    public string? Node { get; init; }

    public string? HostIp { get; init; }

    public string? PodIp { get; init; }

    public int Restarts { get; init; }

    /// <summary>When the last container run ended (restarts, crash loops, OOM kills).</summary>
    public DateTimeOffset? LastTermination { get; init; }

    public string LastReason { get; init; } = "Error";

    public int LastExitCode { get; init; } = 1;

    public string? SchedulingMessage { get; init; }

    public DateTimeOffset? NodeLostAt { get; init; }

    public JsonObject ExtraLabels { get; init; } = [];
}

/// <summary>Builds Pod objects with the full spec and status the kubelet and controllers write.</summary>
internal static class Pods
{
    public static JsonObject Build(PodPlan plan, Names names)
    {
        var w = plan.Workload;
        var template = (JsonObject)plan.Template.DeepClone();
        var labels = (JsonObject)template["metadata"]!["labels"]!.DeepClone();
        foreach (var (key, value) in plan.ExtraLabels)
            labels[key] = value?.DeepClone();
        var annotations = (JsonObject)template["metadata"]!["annotations"]!.DeepClone();
        var spec = (JsonObject)template["spec"]!.DeepClone();

        var tokenVolume = $"kube-api-access-{names.Suffix()}";
        var volumes = spec["volumes"] as JsonArray ?? [];
        volumes.Add(new JsonObject
        {
            ["name"] = tokenVolume,
            ["projected"] = new JsonObject
            {
                ["sources"] = new JsonArray
                {
                    new JsonObject { ["serviceAccountToken"] = new JsonObject { ["expirationSeconds"] = 3607, ["path"] = "token" } },
                    new JsonObject { ["configMap"] = new JsonObject { ["name"] = "kube-root-ca.crt", ["items"] = new JsonArray { new JsonObject { ["key"] = "ca.crt", ["path"] = "ca.crt" } } } },
                    new JsonObject
                    {
                        ["downwardAPI"] = new JsonObject
                        {
                            ["items"] = new JsonArray
                            {
                                new JsonObject { ["path"] = "namespace", ["fieldRef"] = new JsonObject { ["apiVersion"] = "v1", ["fieldPath"] = "metadata.namespace" } },
                            },
                        },
                    },
                },
                ["defaultMode"] = 420,
            },
        });
        spec["volumes"] = volumes;
        foreach (var container in spec["containers"]!.AsArray().OfType<JsonObject>())
        {
            var mounts = container["volumeMounts"] as JsonArray ?? [];
            mounts.Add(new JsonObject { ["name"] = tokenVolume, ["readOnly"] = true, ["mountPath"] = "/var/run/secrets/kubernetes.io/serviceaccount" });
            container["volumeMounts"] = mounts;
        }

        if (plan.Node is not null)
            spec["nodeName"] = plan.Node;
        spec["enableServiceLinks"] = true;
        spec["preemptionPolicy"] = "PreemptLowerPriority";
        spec["priority"] = w.Kind == "DaemonSet" ? 2000001000 : 0;
        if (spec["tolerations"] is null)
        {
            spec["tolerations"] = new JsonArray
            {
                new JsonObject { ["key"] = "node.kubernetes.io/not-ready", ["operator"] = "Exists", ["effect"] = "NoExecute", ["tolerationSeconds"] = 300 },
                new JsonObject { ["key"] = "node.kubernetes.io/unreachable", ["operator"] = "Exists", ["effect"] = "NoExecute", ["tolerationSeconds"] = 300 },
            };
        }

        var metadata = new JsonObject { ["name"] = plan.Name };
        if (plan.GenerateName is not null)
            metadata["generateName"] = plan.GenerateName;
        metadata["namespace"] = w.Namespace;
        metadata["uid"] = Names.Uid($"pod/{w.Namespace}/{plan.Name}");
        metadata["creationTimestamp"] = JsonFields.Rfc3339(plan.Created);
        metadata["labels"] = labels;
        metadata["annotations"] = annotations;
        metadata["ownerReferences"] = new JsonArray { plan.Owner.DeepClone() };

        var status = Status(plan, spec);
        var lastStatusWrite = plan.LastTermination is { } last && last > plan.Created ? last : plan.Created.AddSeconds(9);
        metadata["managedFields"] = new JsonArray
        {
            ManagedFields.Entry("kube-controller-manager", "v1", plan.Created, new JsonObject
            {
                ["f:metadata"] = ManagedFields.Of(metadata, "generateName", "labels", "annotations", "ownerReferences"),
                ["f:spec"] = ManagedFields.Of(spec),
            }),
            ManagedFields.Entry("kubelet", "v1", lastStatusWrite, new JsonObject { ["f:status"] = ManagedFields.Of(status) }, "status"),
        };

        return new JsonObject
        {
            ["kind"] = "Pod",
            ["apiVersion"] = "v1",
            ["metadata"] = metadata,
            ["spec"] = spec,
            ["status"] = status,
        };
    }

    private static JsonObject Status(PodPlan plan, JsonObject spec)
    {
        var created = plan.Created;
        var containers = spec["containers"]!.AsArray().OfType<JsonObject>().ToList();
        var mainName = (string)containers[0]["name"]!;
        var started = created.AddSeconds(4);

        if (plan.Condition == PodCondition.Unschedulable)
        {
            return new JsonObject
            {
                ["phase"] = "Pending",
                ["conditions"] = new JsonArray
                {
                    Condition("PodScheduled", "False", created, "Unschedulable", plan.SchedulingMessage),
                },
                ["qosClass"] = "Burstable",
            };
        }

        var ready = plan.Condition is PodCondition.Healthy or PodCondition.OomRunning;
        var podReady = ready && plan.Condition != PodCondition.OnLostNode;
        var phase = plan.Condition switch
        {
            PodCondition.ImagePullBackOff => "Pending",
            PodCondition.Succeeded => "Succeeded",
            _ => "Running",
        };

        var statuses = new JsonArray();
        foreach (var container in containers)
        {
            var name = (string)container["name"]!;
            var image = (string)container["image"]!;
            statuses.Add(name == mainName
                ? MainContainerStatus(plan, name, image, started)
                : RunningStatus(plan, name, image, started, ready: true, restarts: 0, last: null));
        }

        var readyTransition = plan.Condition switch
        {
            PodCondition.OnLostNode => plan.NodeLostAt ?? started,
            PodCondition.CrashLoop or PodCondition.OomCrashLoop => plan.LastTermination ?? started,
            PodCondition.OomRunning => plan.LastTermination!.Value.AddSeconds(12),
            _ => started.AddSeconds(8),
        };
        var notReadyMessage = $"containers with unready status: [{mainName}]";
        var succeeded = plan.Condition == PodCondition.Succeeded;
        var conditions = new JsonArray
        {
            Condition("PodReadyToStartContainers", succeeded ? "False" : "True", started.AddSeconds(-1), null, null),
            Condition("Initialized", "True", created.AddSeconds(1), succeeded ? "PodCompleted" : null, null),
            podReady
                ? Condition("Ready", "True", readyTransition, null, null)
                : plan.Condition == PodCondition.OnLostNode
                    ? Condition("Ready", "False", readyTransition, "NodeNotReady", "Node is not ready")
                    : Condition("Ready", "False", readyTransition, succeeded ? "PodCompleted" : "ContainersNotReady", succeeded ? null : notReadyMessage),
            ready
                ? Condition("ContainersReady", "True", readyTransition, null, null)
                : Condition("ContainersReady", "False", readyTransition, succeeded ? "PodCompleted" : "ContainersNotReady", succeeded ? null : notReadyMessage),
            Condition("PodScheduled", "True", created, null, null),
        };

        var status = new JsonObject
        {
            ["phase"] = phase,
            ["conditions"] = conditions,
            ["hostIP"] = plan.HostIp,
            ["hostIPs"] = new JsonArray { new JsonObject { ["ip"] = plan.HostIp } },
            ["podIP"] = plan.PodIp,
            ["podIPs"] = new JsonArray { new JsonObject { ["ip"] = plan.PodIp } },
            ["startTime"] = JsonFields.Rfc3339(created.AddSeconds(1)),
            ["containerStatuses"] = statuses,
            ["qosClass"] = "Burstable",
        };
        return status;
    }

    private static JsonObject MainContainerStatus(PodPlan plan, string name, string image, DateTimeOffset started)
    {
        switch (plan.Condition)
        {
            case PodCondition.CrashLoop:
            case PodCondition.OomCrashLoop:
            {
                var finished = plan.LastTermination!.Value;
                var backoff = plan.Restarts >= 5 ? "5m0s" : $"{10 << Math.Min(plan.Restarts, 4)}s";
                var status = new JsonObject
                {
                    ["name"] = name,
                    ["state"] = new JsonObject
                    {
                        ["waiting"] = new JsonObject
                        {
                            ["reason"] = "CrashLoopBackOff",
                            ["message"] = $"back-off {backoff} restarting failed container={name} pod={plan.Name}_{plan.Workload.Namespace}({Names.Uid($"pod/{plan.Workload.Namespace}/{plan.Name}")})",
                        },
                    },
                    ["lastState"] = Terminated(plan, name, finished),
                    ["ready"] = false,
                    ["restartCount"] = plan.Restarts,
                    ["image"] = image,
                    ["imageID"] = ImageId(image),
                    ["containerID"] = ContainerId(plan, name, plan.Restarts),
                    ["started"] = false,
                };
                return status;
            }

            case PodCondition.ImagePullBackOff:
                return new JsonObject
                {
                    ["name"] = name,
                    ["state"] = new JsonObject
                    {
                        ["waiting"] = new JsonObject { ["reason"] = "ImagePullBackOff", ["message"] = $"Back-off pulling image \"{image}\"" },
                    },
                    ["lastState"] = new JsonObject(),
                    ["ready"] = false,
                    ["restartCount"] = 0,
                    ["image"] = image,
                    ["imageID"] = "",
                    ["started"] = false,
                };

            case PodCondition.Succeeded:
                return new JsonObject
                {
                    ["name"] = name,
                    ["state"] = new JsonObject
                    {
                        ["terminated"] = new JsonObject
                        {
                            ["exitCode"] = 0,
                            ["reason"] = "Completed",
                            ["startedAt"] = JsonFields.Rfc3339(started),
                            ["finishedAt"] = JsonFields.Rfc3339(started.AddSeconds(41)),
                            ["containerID"] = ContainerId(plan, name, 0),
                        },
                    },
                    ["lastState"] = new JsonObject(),
                    ["ready"] = false,
                    ["restartCount"] = 0,
                    ["image"] = image,
                    ["imageID"] = ImageId(image),
                    ["containerID"] = ContainerId(plan, name, 0),
                    ["started"] = false,
                };

            default:
                var runningSince = plan.LastTermination is { } last ? last.AddSeconds(plan.Condition == PodCondition.OomRunning ? 2 : 30) : started;
                return RunningStatus(plan, name, image, runningSince, ready: true, plan.Restarts, plan.LastTermination);
        }
    }

    private static JsonObject RunningStatus(PodPlan plan, string name, string image, DateTimeOffset since, bool ready, int restarts, DateTimeOffset? last) => new()
    {
        ["name"] = name,
        ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = JsonFields.Rfc3339(since) } },
        ["lastState"] = last is { } finished && restarts > 0 ? Terminated(plan, name, finished) : new JsonObject(),
        ["ready"] = ready,
        ["restartCount"] = restarts,
        ["image"] = image,
        ["imageID"] = ImageId(image),
        ["containerID"] = ContainerId(plan, name, restarts),
        ["started"] = true,
    };

    private static JsonObject Terminated(PodPlan plan, string name, DateTimeOffset finished) => new()
    {
        ["terminated"] = new JsonObject
        {
            ["exitCode"] = plan.LastExitCode,
            ["reason"] = plan.LastReason,
            ["startedAt"] = JsonFields.Rfc3339(finished.AddSeconds(plan.LastReason == "OOMKilled" ? -1260 : -8)),
            ["finishedAt"] = JsonFields.Rfc3339(finished),
            ["containerID"] = ContainerId(plan, name, plan.Restarts - 1),
        },
    };

    private static JsonObject Condition(string type, string status, DateTimeOffset transition, string? reason, string? message)
    {
        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = JsonFields.Rfc3339(transition),
        };
        if (reason is not null)
            condition["reason"] = reason;
        if (message is not null)
            condition["message"] = message;
        return condition;
    }

    private static string ImageId(string image) => $"{image.Split(':')[0]}@sha256:{Names.Digest(image)}";

    private static string ContainerId(PodPlan plan, string name, int run) => $"containerd://{Names.Digest($"{plan.Name}/{name}/{run}")}";
}
