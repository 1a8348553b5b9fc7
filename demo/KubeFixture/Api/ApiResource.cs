namespace SreSuite.KubeFixture.Api;

/// <summary>One resource type the fixture serves, as discovery describes it.</summary>
public sealed record ApiResource(
    string Group,
    string Version,
    string Plural,
    string Singular,
    string Kind,
    bool Namespaced,
    string[] ShortNames,
    string[] Subresources)
{
    public static readonly string[] ReadWriteVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary><c>v1</c> for the core group, <c>apps/v1</c> otherwise.</summary>
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string ListKind => $"{Kind}List";

    /// <summary>Categories kubectl uses for <c>kubectl get all</c>.</summary>
    public string[] Categories { get; init; } = [];

    /// <summary>Printer columns of a custom resource (name, type, JSON path), as its CRD declares them.</summary>
    public IReadOnlyList<(string Name, string Type, string JsonPath)> PrinterColumns { get; init; } = [];

    public bool IsCustom { get; init; }
}

/// <summary>The resource types of the demo cluster, grouped as the API server groups them.</summary>
public static class ApiResources
{
    public static readonly ApiResource Namespaces = new("", "v1", "namespaces", "namespace", "Namespace", false, ["ns"], ["status", "finalize"]);
    public static readonly ApiResource Nodes = new("", "v1", "nodes", "node", "Node", false, ["no"], ["status", "proxy"]);
    public static readonly ApiResource Pods = new("", "v1", "pods", "pod", "Pod", true, ["po"], ["status", "log", "exec", "eviction", "binding", "ephemeralcontainers", "resize"]) { Categories = ["all"] };
    public static readonly ApiResource Services = new("", "v1", "services", "service", "Service", true, ["svc"], ["status", "proxy"]) { Categories = ["all"] };
    public static readonly ApiResource Endpoints = new("", "v1", "endpoints", "endpoints", "Endpoints", true, ["ep"], []);
    public static readonly ApiResource EndpointSlices = new("discovery.k8s.io", "v1", "endpointslices", "endpointslice", "EndpointSlice", true, [], []);
    public static readonly ApiResource ConfigMaps = new("", "v1", "configmaps", "configmap", "ConfigMap", true, ["cm"], []);
    public static readonly ApiResource Secrets = new("", "v1", "secrets", "secret", "Secret", true, [], []);
    public static readonly ApiResource Events = new("", "v1", "events", "event", "Event", true, ["ev"], []);
    public static readonly ApiResource ServiceAccounts = new("", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true, ["sa"], ["token"]);
    public static readonly ApiResource PersistentVolumeClaims = new("", "v1", "persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", true, ["pvc"], ["status"]);
    public static readonly ApiResource PersistentVolumes = new("", "v1", "persistentvolumes", "persistentvolume", "PersistentVolume", false, ["pv"], ["status"]);
    public static readonly ApiResource StorageClasses = new("storage.k8s.io", "v1", "storageclasses", "storageclass", "StorageClass", false, ["sc"], []);
    public static readonly ApiResource NetworkPolicies = new("networking.k8s.io", "v1", "networkpolicies", "networkpolicy", "NetworkPolicy", true, ["netpol"], []);
    public static readonly ApiResource PodDisruptionBudgets = new("policy", "v1", "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", true, ["pdb"], ["status"]);
    public static readonly ApiResource Deployments = new("apps", "v1", "deployments", "deployment", "Deployment", true, ["deploy"], ["status", "scale"]) { Categories = ["all"] };
    public static readonly ApiResource ReplicaSets = new("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, ["rs"], ["status", "scale"]) { Categories = ["all"] };
    public static readonly ApiResource StatefulSets = new("apps", "v1", "statefulsets", "statefulset", "StatefulSet", true, ["sts"], ["status", "scale"]) { Categories = ["all"] };
    public static readonly ApiResource DaemonSets = new("apps", "v1", "daemonsets", "daemonset", "DaemonSet", true, ["ds"], ["status"]) { Categories = ["all"] };
    public static readonly ApiResource ControllerRevisions = new("apps", "v1", "controllerrevisions", "controllerrevision", "ControllerRevision", true, [], []);
    public static readonly ApiResource Jobs = new("batch", "v1", "jobs", "job", "Job", true, [], ["status"]) { Categories = ["all"] };
    public static readonly ApiResource CronJobs = new("batch", "v1", "cronjobs", "cronjob", "CronJob", true, ["cj"], ["status"]) { Categories = ["all"] };
    public static readonly ApiResource Ingresses = new("networking.k8s.io", "v1", "ingresses", "ingress", "Ingress", true, ["ing"], ["status"]);
    public static readonly ApiResource HorizontalPodAutoscalers = new("autoscaling", "v2", "horizontalpodautoscalers", "horizontalpodautoscaler", "HorizontalPodAutoscaler", true, ["hpa"], ["status"]) { Categories = ["all"] };
    public static readonly ApiResource CustomResourceDefinitions = new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition", false, ["crd", "crds"], ["status"]);

    public static readonly ApiResource Certificates = new("cert-manager.io", "v1", "certificates", "certificate", "Certificate", true, ["cert", "certs"], ["status"])
    {
        IsCustom = true,
        PrinterColumns = [("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status"), ("Secret", "string", ".spec.secretName"), ("Age", "date", ".metadata.creationTimestamp")],
    };

    public static readonly ApiResource ServiceMonitors = new("monitoring.coreos.com", "v1", "servicemonitors", "servicemonitor", "ServiceMonitor", true, ["smon"], [])
    {
        IsCustom = true,
    };

    public static readonly ApiResource NodeMetrics = new("metrics.k8s.io", "v1beta1", "nodes", "", "NodeMetrics", false, [], []);
    public static readonly ApiResource PodMetrics = new("metrics.k8s.io", "v1beta1", "pods", "", "PodMetrics", true, [], []);

    /// <summary>Every stored resource type (metrics are computed, not stored).</summary>
    public static IReadOnlyList<ApiResource> Stored { get; } =
    [
        Namespaces, Nodes, Pods, Services, Endpoints, ConfigMaps, Secrets, Events, ServiceAccounts, PersistentVolumeClaims, PersistentVolumes,
        Deployments, ReplicaSets, StatefulSets, DaemonSets, ControllerRevisions, Jobs, CronJobs, Ingresses, NetworkPolicies,
        HorizontalPodAutoscalers, EndpointSlices, StorageClasses, PodDisruptionBudgets, CustomResourceDefinitions, Certificates, ServiceMonitors,
    ];

    public static IEnumerable<ApiResource> Metrics => [NodeMetrics, PodMetrics];

    /// <summary>The resource served at <c>/api/v1/…</c> or <c>/apis/{group}/{version}/…</c> under <paramref name="plural"/>.</summary>
    public static ApiResource? Find(string group, string version, string plural, bool metricsServed)
    {
        var candidates = metricsServed ? Stored.Concat(Metrics) : Stored;
        return candidates.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);
    }

    /// <summary>The group/versions served, each with its resources, in discovery order.</summary>
    public static IEnumerable<IGrouping<string, ApiResource>> ByGroupVersion(bool metricsServed) =>
        (metricsServed ? Stored.Concat(Metrics) : Stored).GroupBy(r => r.GroupVersion);
}
