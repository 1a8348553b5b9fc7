namespace SreSuite.InfraTools.Kubernetes;

/// <summary>
/// Which cluster the server talks to. Always explicit: a kubeconfig named by <c>KUBECONFIG</c> or
/// <c>Kubernetes__Kubeconfig</c>, or <c>Kubernetes__InCluster=true</c> inside a pod. A personal
/// <c>~/.kube/config</c> is never picked up by accident.
/// </summary>
public sealed class KubernetesOptions
{
    public const string Section = "Kubernetes";

    /// <summary>Path of the kubeconfig; several paths separated by ':' are merged as kubectl does.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>The setting the kubeconfig path came from, for messages that name it.</summary>
    public string KubeconfigSetting { get; set; } = "Kubernetes__Kubeconfig";

    /// <summary>Use the pod's service account instead of a kubeconfig.</summary>
    public bool InCluster { get; set; }

    /// <summary>The context to pin; the kubeconfig's current-context when empty.</summary>
    public string? Context { get; set; }

    /// <summary>Overrides the context's default namespace.</summary>
    public string? Namespace { get; set; }

    /// <summary>Seconds to wait for the API server before a call is reported as unreachable.</summary>
    public int TimeoutSeconds { get; set; } = 10;
}
