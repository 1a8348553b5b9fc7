using System.Globalization;
using System.Text.Json.Nodes;
using SreSuite.KubeFixture.Api;

namespace SreSuite.KubeFixture.Cluster;

/// <summary>Workload controllers (Deployment, ReplicaSet, StatefulSet, DaemonSet, ControllerRevision) with their status.</summary>
internal static class Controllers
{
    public static JsonObject OwnerReference(string apiVersion, string kind, string name, string uid) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["name"] = name,
        ["uid"] = uid,
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };

    public static string Uid(string kind, string ns, string name) => Names.Uid($"{kind}/{ns}/{name}");

    /// <summary>The manifest as <c>kubectl apply</c> recorded it in the last-applied-configuration annotation.</summary>
    public static string LastApplied(string apiVersion, string kind, Workload w, JsonObject spec, JsonObject? annotations = null)
    {
        var metadata = new JsonObject { ["labels"] = Templates.Labels(w), ["name"] = w.Name, ["namespace"] = w.Namespace };
        if (annotations is not null)
            metadata["annotations"] = annotations.DeepClone();
        return new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata, ["spec"] = spec.DeepClone() }.ToJsonString(JsonFields.Wire) + "\n";
    }

    public static JsonObject Deployment(Workload w, JsonObject template, int revision, string changeCause, DateTimeOffset created, DateTimeOffset lastChange, JsonObject status)
    {
        var spec = new JsonObject
        {
            ["replicas"] = w.Replicas,
            ["selector"] = Templates.Selector(w),
            ["template"] = template.DeepClone(),
            ["strategy"] = new JsonObject
            {
                ["type"] = "RollingUpdate",
                ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = "25%", ["maxSurge"] = "25%" },
            },
            ["revisionHistoryLimit"] = 10,
            ["progressDeadlineSeconds"] = 600,
        };
        var applied = new JsonObject { ["kubernetes.io/change-cause"] = changeCause };
        var annotations = new JsonObject
        {
            ["deployment.kubernetes.io/revision"] = revision.ToString(CultureInfo.InvariantCulture),
            ["kubectl.kubernetes.io/last-applied-configuration"] = LastApplied("apps/v1", "Deployment", w, spec, applied),
            ["kubernetes.io/change-cause"] = changeCause,
        };
        return Controller("apps/v1", "Deployment", w, created, lastChange, annotations, spec, status, revision);
    }

    public static JsonObject DeploymentStatus(int generation, int replicas, int updated, int ready, int available, JsonArray conditions)
    {
        var status = new JsonObject
        {
            ["observedGeneration"] = generation,
            ["replicas"] = replicas,
            ["updatedReplicas"] = updated,
            ["readyReplicas"] = ready,
            ["availableReplicas"] = available,
        };
        if (replicas - available > 0)
            status["unavailableReplicas"] = replicas - available;
        status["conditions"] = conditions;
        return status;
    }

    public static JsonObject Condition(string type, string status, string reason, string message, DateTimeOffset updated, DateTimeOffset transition) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["lastUpdateTime"] = JsonFields.Rfc3339(updated),
        ["lastTransitionTime"] = JsonFields.Rfc3339(transition),
        ["reason"] = reason,
        ["message"] = message,
    };

    public static JsonObject ReplicaSet(Workload w, string name, string hash, JsonObject template, int revision, string changeCause, DateTimeOffset created, int desired, int current, int ready, int available)
    {
        var podTemplate = (JsonObject)template.DeepClone();
        podTemplate["metadata"]!["labels"]!["pod-template-hash"] = hash;
        var labels = (JsonObject)podTemplate["metadata"]!["labels"]!.DeepClone();
        var spec = new JsonObject
        {
            ["replicas"] = desired,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = w.Name, ["pod-template-hash"] = hash } },
            ["template"] = podTemplate,
        };
        var status = new JsonObject { ["replicas"] = current, ["fullyLabeledReplicas"] = current };
        if (ready > 0)
            status["readyReplicas"] = ready;
        if (available > 0)
            status["availableReplicas"] = available;
        status["observedGeneration"] = desired == 0 ? 3 : 1;
        var annotations = new JsonObject
        {
            ["deployment.kubernetes.io/desired-replicas"] = w.Replicas.ToString(CultureInfo.InvariantCulture),
            ["deployment.kubernetes.io/max-replicas"] = (w.Replicas + (int)Math.Ceiling(w.Replicas * 0.25)).ToString(CultureInfo.InvariantCulture),
            ["deployment.kubernetes.io/revision"] = revision.ToString(CultureInfo.InvariantCulture),
            ["kubernetes.io/change-cause"] = changeCause,
        };
        var metadata = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = w.Namespace,
            ["uid"] = Uid("ReplicaSet", w.Namespace, name),
            ["generation"] = desired == 0 ? 3 : 1,
            ["creationTimestamp"] = JsonFields.Rfc3339(created),
            ["labels"] = labels,
            ["annotations"] = annotations,
            ["ownerReferences"] = new JsonArray { OwnerReference("apps/v1", "Deployment", w.Name, Uid("Deployment", w.Namespace, w.Name)) },
        };
        metadata["managedFields"] = new JsonArray
        {
            ManagedFields.Entry("kube-controller-manager", "apps/v1", created, new JsonObject
            {
                ["f:metadata"] = ManagedFields.Of(metadata, "annotations", "labels", "ownerReferences"),
                ["f:spec"] = ManagedFields.Of(spec),
            }),
            ManagedFields.Entry("kube-controller-manager", "apps/v1", created.AddSeconds(20), new JsonObject { ["f:status"] = ManagedFields.Of(status) }, "status"),
        };
        return new JsonObject { ["kind"] = "ReplicaSet", ["apiVersion"] = "apps/v1", ["metadata"] = metadata, ["spec"] = spec, ["status"] = status };
    }

    public static JsonObject StatefulSet(Workload w, JsonObject template, string revisionName, DateTimeOffset created, int ready)
    {
        var spec = new JsonObject
        {
            ["replicas"] = w.Replicas,
            ["selector"] = Templates.Selector(w),
            ["template"] = template.DeepClone(),
            ["volumeClaimTemplates"] = new JsonArray
            {
                new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "PersistentVolumeClaim",
                    ["metadata"] = new JsonObject { ["name"] = "data" },
                    ["spec"] = new JsonObject
                    {
                        ["accessModes"] = new JsonArray { "ReadWriteOnce" },
                        ["storageClassName"] = "gp3",
                        ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = "20Gi" } },
                        ["volumeMode"] = "Filesystem",
                    },
                    ["status"] = new JsonObject { ["phase"] = "Pending" },
                },
            },
            ["serviceName"] = w.Name,
            ["podManagementPolicy"] = "OrderedReady",
            ["updateStrategy"] = new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["partition"] = 0 } },
            ["revisionHistoryLimit"] = 10,
            ["persistentVolumeClaimRetentionPolicy"] = new JsonObject { ["whenDeleted"] = "Retain", ["whenScaled"] = "Retain" },
        };
        var status = new JsonObject
        {
            ["observedGeneration"] = 2,
            ["replicas"] = w.Replicas,
            ["readyReplicas"] = ready,
            ["currentReplicas"] = w.Replicas,
            ["updatedReplicas"] = w.Replicas,
            ["currentRevision"] = revisionName,
            ["updateRevision"] = revisionName,
            ["collisionCount"] = 0,
            ["availableReplicas"] = ready,
        };
        var annotations = new JsonObject { ["kubectl.kubernetes.io/last-applied-configuration"] = LastApplied("apps/v1", "StatefulSet", w, spec) };
        return Controller("apps/v1", "StatefulSet", w, created, created, annotations, spec, status, 2);
    }

    public static JsonObject DaemonSet(Workload w, JsonObject template, DateTimeOffset created, int nodes, int ready)
    {
        var spec = new JsonObject
        {
            ["selector"] = Templates.Selector(w),
            ["template"] = template.DeepClone(),
            ["updateStrategy"] = new JsonObject
            {
                ["type"] = "RollingUpdate",
                ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = 1, ["maxSurge"] = 0 },
            },
            ["revisionHistoryLimit"] = 10,
        };
        var status = new JsonObject
        {
            ["currentNumberScheduled"] = nodes,
            ["numberMisscheduled"] = 0,
            ["desiredNumberScheduled"] = nodes,
            ["numberReady"] = ready,
            ["observedGeneration"] = 3,
            ["updatedNumberScheduled"] = nodes,
            ["numberAvailable"] = ready,
        };
        if (nodes > ready)
            status["numberUnavailable"] = nodes - ready;
        var annotations = new JsonObject
        {
            ["deprecated.daemonset.template.generation"] = "3",
            ["kubectl.kubernetes.io/last-applied-configuration"] = LastApplied("apps/v1", "DaemonSet", w, spec),
        };
        return Controller("apps/v1", "DaemonSet", w, created, created, annotations, spec, status, 3);
    }

    public static JsonObject ControllerRevision(Workload w, string ownerKind, string name, string hash, JsonObject template, int revision, DateTimeOffset created)
    {
        var patchedTemplate = (JsonObject)template.DeepClone();
        patchedTemplate["$patch"] = "replace";
        var labels = new JsonObject { ["app"] = w.Name, ["controller-revision-hash"] = hash };
        var metadata = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = w.Namespace,
            ["uid"] = Uid("ControllerRevision", w.Namespace, name),
            ["creationTimestamp"] = JsonFields.Rfc3339(created),
            ["labels"] = labels,
            ["ownerReferences"] = new JsonArray { OwnerReference("apps/v1", ownerKind, w.Name, Uid(ownerKind, w.Namespace, w.Name)) },
        };
        var data = new JsonObject { ["spec"] = new JsonObject { ["template"] = patchedTemplate } };
        metadata["managedFields"] = new JsonArray
        {
            ManagedFields.Entry("kube-controller-manager", "apps/v1", created, new JsonObject
            {
                ["f:data"] = new JsonObject(),
                ["f:metadata"] = ManagedFields.Of(metadata, "labels", "ownerReferences"),
                ["f:revision"] = new JsonObject(),
            }),
        };
        return new JsonObject { ["kind"] = "ControllerRevision", ["apiVersion"] = "apps/v1", ["metadata"] = metadata, ["data"] = data, ["revision"] = revision };
    }

    private static JsonObject Controller(string apiVersion, string kind, Workload w, DateTimeOffset created, DateTimeOffset lastChange, JsonObject annotations, JsonObject spec, JsonObject status, int generation)
    {
        var metadata = new JsonObject
        {
            ["name"] = w.Name,
            ["namespace"] = w.Namespace,
            ["uid"] = Uid(kind, w.Namespace, w.Name),
            ["generation"] = generation,
            ["creationTimestamp"] = JsonFields.Rfc3339(created),
            ["labels"] = Templates.Labels(w),
            ["annotations"] = annotations,
        };
        metadata["managedFields"] = new JsonArray
        {
            ManagedFields.Entry("kubectl-client-side-apply", apiVersion, lastChange, new JsonObject
            {
                ["f:metadata"] = ManagedFields.Of(metadata, "annotations", "labels"),
                ["f:spec"] = ManagedFields.Of(spec),
            }),
            ManagedFields.Entry("kube-controller-manager", apiVersion, lastChange.AddMinutes(1), new JsonObject { ["f:status"] = ManagedFields.Of(status) }, "status"),
        };
        return new JsonObject { ["kind"] = kind, ["apiVersion"] = apiVersion, ["metadata"] = metadata, ["spec"] = spec, ["status"] = status };
    }
}
