using k8s;
using k8s.Models;

namespace SreSuite.InfraTools.Kubernetes;

/// <summary>Pod, node and event reads the triage tools share, paged server-side.</summary>
public sealed class PodQueries(KubernetesConnection kube)
{
    /// <summary>Pages fetched at most when a tool needs every object of a kind (20,000 of them).</summary>
    private const int MaxPages = 40;

    private const int PageSize = 500;

    /// <summary>One page of pods, in a namespace or all (null).</summary>
    public Task<V1PodList> PageAsync(string? ns, string? labelSelector, string? fieldSelector, int limit, string? continueToken, CancellationToken cancellationToken) =>
        ns is null
            ? kube.Client.CoreV1.ListPodForAllNamespacesAsync(continueParameter: continueToken, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: cancellationToken)
            : kube.Client.CoreV1.ListNamespacedPodAsync(ns, continueParameter: continueToken, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: cancellationToken);

    /// <summary>Every pod matching the selectors, page by page; Truncated when the cap was reached.</summary>
    public async Task<(List<V1Pod> Pods, bool Truncated)> AllAsync(string? ns, string? labelSelector, string? fieldSelector, CancellationToken cancellationToken)
    {
        var pods = new List<V1Pod>();
        string? next = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var list = await PageAsync(ns, labelSelector, fieldSelector, PageSize, next, cancellationToken);
            pods.AddRange(list.Items ?? []);
            next = list.Metadata?.ContinueProperty;
            if (string.IsNullOrEmpty(next))
                return (pods, false);
        }

        return (pods, true);
    }

    /// <summary>
    /// Every pod matching the selectors in one list of at most <see cref="MaxPages"/> × <see cref="PageSize"/> (the cap
    /// of <see cref="AllAsync"/>); Truncated when there are more. One request rather than pages of 500: against the
    /// 10,000-pod fixture it took a third of the time (each page is a round trip and a new scan of the store).
    /// </summary>
    public async Task<(List<V1Pod> Pods, bool Truncated)> OneListAsync(string? ns, string? labelSelector, string? fieldSelector, CancellationToken cancellationToken)
    {
        var list = await PageAsync(ns, labelSelector, fieldSelector, MaxPages * PageSize, null, cancellationToken);
        return ([.. list.Items ?? []], !string.IsNullOrEmpty(list.Metadata?.ContinueProperty));
    }

    /// <summary>Every object a paged list returns, page by page up to the cap; <paramref name="page"/> gets the continue token.</summary>
    public static async Task<List<T>> AllPagesAsync<T>(Func<string?, Task<(IList<T>? Items, string? Continue)>> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var items = new List<T>();
        string? next = null;
        for (var i = 0; i < MaxPages; i++)
        {
            var (list, token) = await page(next);
            items.AddRange(list ?? []);
            next = token;
            if (string.IsNullOrEmpty(next))
                break;
        }

        return items;
    }

    /// <summary>Every Deployment, in a namespace or all (null).</summary>
    public Task<List<V1Deployment>> DeploymentsAsync(string? ns, CancellationToken cancellationToken) =>
        AllPagesAsync<V1Deployment>(async next =>
        {
            var list = ns is null
                ? await kube.Client.AppsV1.ListDeploymentForAllNamespacesAsync(continueParameter: next, limit: PageSize, cancellationToken: cancellationToken)
                : await kube.Client.AppsV1.ListNamespacedDeploymentAsync(ns, continueParameter: next, limit: PageSize, cancellationToken: cancellationToken);
            return (list.Items, list.Metadata?.ContinueProperty);
        });

    public async Task<IList<V1Node>> NodesAsync(CancellationToken cancellationToken) =>
        (await kube.Client.CoreV1.ListNodeAsync(limit: PageSize, cancellationToken: cancellationToken)).Items ?? [];

    /// <summary>Events in a namespace or all (null), filtered server-side by a field selector.</summary>
    public async Task<IList<Corev1Event>> EventsAsync(string? ns, string? fieldSelector, CancellationToken cancellationToken) =>
        await AllPagesAsync<Corev1Event>(async next =>
        {
            var list = ns is null
                ? await kube.Client.CoreV1.ListEventForAllNamespacesAsync(continueParameter: next, fieldSelector: fieldSelector, limit: PageSize, cancellationToken: cancellationToken)
                : await kube.Client.CoreV1.ListNamespacedEventAsync(ns, continueParameter: next, fieldSelector: fieldSelector, limit: PageSize, cancellationToken: cancellationToken);
            return (list.Items, list.Metadata?.ContinueProperty);
        });
}
