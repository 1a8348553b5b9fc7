using SreSuite.ServiceDefaults.Hosting;

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

    /// <summary>
    /// Comma-separated contexts the server may pin; any other refuses start-up. Empty allows any, so a
    /// production deployment names its one context here to make a wrong kubeconfig fail loudly.
    /// </summary>
    public string? AllowedContexts { get; set; }

    /// <summary>
    /// Comma-separated contexts of the explicit kubeconfig(s) this one server serves, e.g. <c>staging,production</c>.
    /// Empty: the one pinned context (<see cref="Context"/> or the current-context), as before. Set: each read tool takes
    /// an optional <c>context</c> (an enum of these names when there are several); <see cref="Context"/>, when set,
    /// must be one of them and is the default, else the first listed is.
    /// </summary>
    public string? Contexts { get; set; }

    /// <summary>
    /// Comma-separated contexts of <see cref="Contexts"/> where enabled write tools may act; none by default, so a
    /// production context can be read but never changed. Ignored (every write refused by default) without Contexts.
    /// </summary>
    public string? WriteContexts { get; set; }

    /// <summary>Act as this user (<c>Impersonate-User</c>), so a team deployment runs with a scoped identity.</summary>
    public string? ImpersonateUser { get; set; }

    /// <summary>
    /// One group to impersonate (<c>Impersonate-Group</c>); needs <see cref="ImpersonateUser"/>. One only: the API
    /// server reads one group per header line, and .NET's HTTP client joins repeated headers into one line.
    /// </summary>
    public string? ImpersonateGroup { get; set; }

    public IReadOnlyList<string> AllowedContextNames => SettingLists.Names(AllowedContexts);

    /// <summary>The names of <see cref="Contexts"/>, in order, without repeats.</summary>
    public IReadOnlyList<string> ContextNames => SettingLists.Names(Contexts);

    public IReadOnlyList<string> WriteContextNames => SettingLists.Names(WriteContexts);

    /// <summary>The context a call without <c>context</c> uses when <see cref="Contexts"/> is set.</summary>
    public string? DefaultContextName => ContextNames.Count == 0 ? null : string.IsNullOrWhiteSpace(Context) ? ContextNames[0] : Context.Trim();
}
