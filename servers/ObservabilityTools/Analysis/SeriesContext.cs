using System.Globalization;
using System.Text.RegularExpressions;

namespace SreSuite.ObservabilityTools.Analysis;

/// <summary>A pod as kube-state-metrics' <c>kube_pod_info</c> names it.</summary>
public sealed record PodRef(string Namespace, string Name, string? Node)
{
    public override string ToString() => Node is null ? $"{Namespace}/{Name}" : $"{Namespace}/{Name} on {Node}";
}

/// <summary>A limit a series must stay under (or, for free space, above): its value and what it is.</summary>
public sealed record SeriesLimit(double Value, string What);

/// <summary>
/// What Prometheus itself knows about the series of an answer beyond their labels: which pod an <c>instance</c>
/// address belongs to (from <c>kube_pod_info</c>) and the limit a usage series climbs toward (a container's memory
/// limit from <c>kube_pod_container_resource_limits</c>, a filesystem's or volume's capacity). Empty when the
/// lookups found nothing, so answers read as before.
/// </summary>
public sealed partial class SeriesContext
{
    private readonly IReadOnlyDictionary<string, PodRef> _podsByIp;
    private readonly Func<IReadOnlyDictionary<string, string>, SeriesLimit?> _limits;

    public SeriesContext(IReadOnlyDictionary<string, PodRef> podsByIp, Func<IReadOnlyDictionary<string, string>, SeriesLimit?>? limits = null)
    {
        _podsByIp = podsByIp ?? throw new ArgumentNullException(nameof(podsByIp));
        _limits = limits ?? (_ => null);
    }

    public static SeriesContext Empty { get; } = new(new Dictionary<string, PodRef>());

    /// <summary>The pod a series comes from: its own namespace/pod labels, else its instance address's pod.</summary>
    public PodRef? PodOf(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.TryGetValue("pod", out var pod) && labels.TryGetValue("namespace", out var ns))
            return new PodRef(ns, pod, null);
        return IpOf(labels) is { } ip && _podsByIp.TryGetValue(ip, out var found) ? found : null;
    }

    /// <summary>The pod an instance address maps to, only when the series does not name its pod itself.</summary>
    public PodRef? InstancePod(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return labels.ContainsKey("pod") ? null : IpOf(labels) is { } ip && _podsByIp.TryGetValue(ip, out var found) ? found : null;
    }

    public SeriesLimit? LimitOf(IReadOnlyDictionary<string, string> labels) => _limits(labels);

    /// <summary>The text after a series' labels: <c> (pod inventory/inventory-service-… on node-03)</c>, or empty.</summary>
    public string Annotation(IReadOnlyDictionary<string, string> labels) =>
        InstancePod(labels) is { } pod ? $" (pod {pod})" : string.Empty;

    /// <summary>The IP address of an <c>instance</c> label such as <c>10.244.3.5:8080</c> or <c>[fd00::5]:8080</c>.</summary>
    public static string? IpOf(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (!labels.TryGetValue("instance", out var instance))
            return null;
        var match = InstanceAddress().Match(instance);
        return match.Success ? match.Groups["ip"].Value : null;
    }

    /// <summary>A PromQL regex that matches exactly these values (dots and other metacharacters escaped).</summary>
    public static string AnyOf(IEnumerable<string> values) =>
        string.Join('|', values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(v => Regex.Escape(v).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)));

    public static string Describe(SeriesLimit limit) =>
        string.Create(CultureInfo.InvariantCulture, $"{limit.What} {Numbers.Compact(limit.Value)}");

    [GeneratedRegex(@"^(?:\[(?<ip>[0-9a-fA-F:]+)\]|(?<ip>\d{1,3}(?:\.\d{1,3}){3}))(?::\d+)?$")]
    private static partial Regex InstanceAddress();
}
