using SreSuite.ObservabilityTools.Analysis;
using SreSuite.ObservabilityTools.Prometheus;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ObservabilityTools.Tools;

/// <summary>
/// Finds what Prometheus knows about the series of an answer, with at most three small instant queries and only
/// when the answer needs them: the pod behind each <c>instance</c> address (kube-state-metrics' <c>kube_pod_info</c>
/// carries <c>pod_ip</c>), and for memory and disk series the limit they grow toward. The mapping lives here,
/// where the metrics are, rather than in InfraTools: InfraTools shows pod IPs (<c>wide=true</c>) for the reverse
/// question. A lookup that fails or finds nothing leaves the answer as it was; it never fails the tool call.
/// </summary>
public static class SeriesContextLookup
{
    // Labels that may name the container a process metric comes from.
    private static readonly string[] NamingLabels = ["container", "service", "job"];

    // Where a disk series' capacity is read: a node filesystem's by instance and mountpoint, a volume's by claim.
    private static readonly Capacity FilesystemSize = new("fs", "node_filesystem_size_bytes", "instance", "mountpoint");
    private static readonly Capacity VolumeCapacity = new("pvc", "kubelet_volume_stats_capacity_bytes", "namespace", "persistentvolumeclaim");

    public static async Task<SeriesContext> FindAsync(
        PrometheusBackend prometheus, string expression, IReadOnlyList<IReadOnlyDictionary<string, string>> series, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prometheus);
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(series);
        var ips = series.Where(s => !s.ContainsKey("pod")).Select(SeriesContext.IpOf).OfType<string>().Distinct(StringComparer.Ordinal).Take(200).ToList();
        var pods = new Dictionary<string, PodRef>(StringComparer.Ordinal);
        if (ips.Count > 0)
        {
            foreach (var sample in await VectorAsync(prometheus, $"kube_pod_info{{pod_ip=~\"{SeriesContext.AnyOf(ips)}\"}}", at, cancellationToken))
            {
                if (sample.Metric.TryGetValue("pod_ip", out var ip) && sample.Metric.TryGetValue("namespace", out var ns) && sample.Metric.TryGetValue("pod", out var pod))
                    pods.TryAdd(ip, new PodRef(ns, pod, sample.Metric.GetValueOrDefault("node")));
            }
        }

        var context = new SeriesContext(pods);
        Func<IReadOnlyDictionary<string, string>, SeriesLimit?>? limits = null;
        if (expression.Contains("memory", StringComparison.OrdinalIgnoreCase))
            limits = await MemoryLimitsAsync(prometheus, context, series, at, cancellationToken);
        else if (series.Any(s => s.ContainsKey("mountpoint") || s.ContainsKey("persistentvolumeclaim")))
            limits = await DiskLimitsAsync(prometheus, expression, series, at, cancellationToken);
        return limits is null && pods.Count == 0 ? SeriesContext.Empty : new SeriesContext(pods, limits);
    }

    /// <summary>
    /// A memory series' limit is its container's memory limit; a series that names no container (a process metric
    /// scraped from the pod) gets the limit of the container named like its <c>container</c>, <c>service</c> or
    /// <c>job</c> label, else the largest limit in the pod.
    /// </summary>
    private static async Task<Func<IReadOnlyDictionary<string, string>, SeriesLimit?>?> MemoryLimitsAsync(
        PrometheusBackend prometheus, SeriesContext context, IReadOnlyList<IReadOnlyDictionary<string, string>> series, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var pods = series.Select(context.PodOf).OfType<PodRef>().Distinct().Take(200).ToList();
        if (pods.Count == 0)
            return null;
        var query = $"max by (namespace, pod, container) (kube_pod_container_resource_limits{{resource=\"memory\",namespace=~\"{SeriesContext.AnyOf(pods.Select(p => p.Namespace))}\",pod=~\"{SeriesContext.AnyOf(pods.Select(p => p.Name))}\"}})";
        var limits = (await VectorAsync(prometheus, query, at, cancellationToken))
            .Where(s => s.Value is { } v && double.IsFinite(v.Value) && v.Value > 0)
            .GroupBy(s => (s.Metric.GetValueOrDefault("namespace"), s.Metric.GetValueOrDefault("pod")))
            .ToDictionary(g => g.Key, g => g.Select(s => (Container: s.Metric.GetValueOrDefault("container") ?? string.Empty, Bytes: s.Value!.Value.Value)).ToList());
        if (limits.Count == 0)
            return null;
        return labels =>
        {
            if (context.PodOf(labels) is not { } pod || !limits.TryGetValue((pod.Namespace, pod.Name), out var containers))
                return null;
            var named = NamingLabels.Select(labels.GetValueOrDefault).OfType<string>()
                .Select(name => containers.FirstOrDefault(c => c.Container == name)).FirstOrDefault(c => c.Container is { Length: > 0 });
            var bytes = named.Container is { Length: > 0 } ? named.Bytes : containers.Max(c => c.Bytes);
            return new SeriesLimit(bytes, "memory limit");
        };
    }

    /// <summary>
    /// Disk series: free or available space drains toward 0; used space grows toward the filesystem's size
    /// (<c>node_filesystem_size_bytes</c>) or the volume's capacity (<c>kubelet_volume_stats_capacity_bytes</c>).
    /// </summary>
    private static async Task<Func<IReadOnlyDictionary<string, string>, SeriesLimit?>?> DiskLimitsAsync(
        PrometheusBackend prometheus, string expression, IReadOnlyList<IReadOnlyDictionary<string, string>> series, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        if (expression.Contains("avail", StringComparison.OrdinalIgnoreCase) || expression.Contains("free", StringComparison.OrdinalIgnoreCase))
            return _ => new SeriesLimit(0, "empty at");

        var sizes = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (kind, metric, first, second) in new[] { FilesystemSize, VolumeCapacity })
        {
            var sized = series.Where(s => s.ContainsKey(first) && s.ContainsKey(second)).ToList();
            if (sized.Count == 0)
                continue;
            var matchers = $"{first}=~\"{SeriesContext.AnyOf(sized.Select(s => s[first]))}\",{second}=~\"{SeriesContext.AnyOf(sized.Select(s => s[second]))}\"";
            foreach (var sample in await VectorAsync(prometheus, $"max by ({first}, {second}) ({metric}{{{matchers}}})", at, cancellationToken))
            {
                if (sample.Value is { } v)
                    sizes[$"{kind} {sample.Metric.GetValueOrDefault(first)} {sample.Metric.GetValueOrDefault(second)}"] = v.Value;
            }
        }

        if (sizes.Count == 0)
            return null;
        return labels =>
        {
            var (kind, _, first, second) = labels.ContainsKey("persistentvolumeclaim") ? VolumeCapacity : FilesystemSize;
            var key = $"{kind} {labels.GetValueOrDefault(first)} {labels.GetValueOrDefault(second)}";
            return sizes.TryGetValue(key, out var size) && size > 0 ? new SeriesLimit(size, "capacity") : null;
        };
    }

    private static async Task<IReadOnlyList<VectorSample>> VectorAsync(PrometheusBackend prometheus, string query, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        try
        {
            var result = await prometheus.CallAsync(api => api.QueryAsync(query, at is { } t ? PromTime.ToUnixSeconds(t) : null, cancellationToken), "query", cancellationToken);
            return result.Data.Vector ?? [];
        }
        catch (Exception ex) when (ex is ToolFailureException or ToolInputException && !cancellationToken.IsCancellationRequested)
        {
            // Context is a bonus: without kube-state-metrics (or with a failing Prometheus) the answer stays as it was.
            return [];
        }
    }

    private sealed record Capacity(string Kind, string Metric, string First, string Second);
}
