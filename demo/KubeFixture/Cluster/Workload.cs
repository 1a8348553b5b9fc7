namespace SreSuite.KubeFixture.Cluster;

/// <summary>An application of the demo cluster: what its controller, template and pods look like.</summary>
internal sealed record Workload(string Namespace, string Name, string Kind, int Replicas, string Version, int AgeDays)
{
    public string Image => $"{Registry}/{ImageName ?? Name}:{Version}";

    /// <summary>The image repository when it is not named after the workload (postgres for ledger-db).</summary>
    public string? ImageName { get; init; }

    public string Registry { get; init; } = "registry.example.com/acme";

    public int Port { get; init; } = 8080;

    public string Cpu { get; init; } = "100m";

    public string Memory { get; init; } = "128Mi";

    public string MemoryLimit { get; init; } = "256Mi";

    /// <summary>Runs an Envoy sidecar next to the application container.</summary>
    public bool Mesh { get; init; }

    /// <summary>Env vars read from Secrets: (variable, secret, key).</summary>
    public (string Variable, string Secret, string Key)[] SecretEnv { get; init; } = [];

    /// <summary>Plain env values, as the manifest sets them.</summary>
    public (string Variable, string Value)[] Env { get; init; } = [];

    public bool HasConfigMap { get; init; }

    /// <summary>Old revisions kept as ReplicaSets scaled to zero (deployments) or ControllerRevisions.</summary>
    public int History { get; init; } = 2;

    public string Team => Namespace switch
    {
        "kube-system" or "monitoring" or "logging" or "ingress-nginx" or "cert-manager" => "team-platform",
        _ => $"team-{Namespace}",
    };
}

/// <summary>What a pod is going through.</summary>
internal enum PodCondition
{
    Healthy,
    CrashLoop,
    OomRunning,
    OomCrashLoop,
    ImagePullBackOff,
    Unschedulable,
    OnLostNode,
    Succeeded,
}
