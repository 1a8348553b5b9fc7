using System.Globalization;
using k8s.Models;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Triage;

/// <summary>Live usage (metrics.k8s.io) of a pod or node: cores and bytes.</summary>
public sealed record Usage(double Cores, double Bytes);

/// <summary>The pod using most of a saturated resource on its node, with what it asked the scheduler for.</summary>
public sealed record HeaviestPod(string Namespace, string Name, string Resource, double Used, double? Request);

/// <summary>
/// A node short of CPU or memory: its usage near its allocatable, or a kubelet pressure condition; the pod taking the
/// most of it, and the unhealthy pods that share the node with it. A noisy neighbour reads here as one node, one pod
/// far above its request, and its neighbours slowed, none of which is a failing pod of its own.
/// </summary>
public sealed record NodePressure(string Node, string Headline, HeaviestPod? Heaviest, IReadOnlyList<PodSummary> Neighbours)
{
    /// <summary>Share of allocatable CPU or memory from which a node counts as saturated.</summary>
    public const double SaturatedShare = 0.9;

    /// <summary>The kubelet's own pressure conditions (memory, disk, process ids).</summary>
    private static readonly string[] PressureConditions = ["MemoryPressure", "DiskPressure", "PIDPressure"];

    /// <summary>
    /// <c>node-02 saturated: cpu 97% of allocatable (7.8 of 8 cores); heaviest pod search/reindex-x 7.1 cores, 28× its
    /// request 250m; unhealthy beside it: shop/checkout-api-… Restarting, shop/cart-… NotReady</c>.
    /// </summary>
    public string Format()
    {
        var text = $"{Node} {Headline}";
        if (Heaviest is { } pod)
        {
            var used = pod.Resource == "cpu" ? Cores(pod.Used) : Quantities.Mebibytes(pod.Used);
            var request = pod.Request is not > 0 ? ", no request"
                : pod.Used > pod.Request * 1.5 ? string.Create(CultureInfo.InvariantCulture, $", {pod.Used / pod.Request.Value:0.#}× its request {RequestText(pod)}")
                : $", request {RequestText(pod)}";
            text += $"; heaviest pod {UntrustedText.Line($"{pod.Namespace}/{pod.Name}")} {used}{request}";
        }

        if (Neighbours.Count > 0)
        {
            const int shown = 4;
            var names = string.Join(", ", Neighbours.Take(shown).Select(p => $"{UntrustedText.Line($"{p.Namespace}/{p.Name}")} {PodRows.Word(p.Problem)}"));
            var more = Neighbours.Count > shown ? string.Create(CultureInfo.InvariantCulture, $", +{Neighbours.Count - shown} more") : "";
            text += $"; unhealthy beside it: {names}{more}";
        }

        return text;
    }

    private static string RequestText(HeaviestPod pod) => pod.Resource == "cpu" ? Quantities.Millicores(pod.Request!.Value) : Quantities.Mebibytes(pod.Request!.Value);

    private static string Cores(double cores) => string.Create(CultureInfo.InvariantCulture, $"{cores:0.#} cores");

    /// <summary>
    /// The nodes under pressure: usage at or above <see cref="SaturatedShare"/> of allocatable CPU or memory, or a kubelet
    /// pressure condition; NotReady nodes are reported as such elsewhere. Each with its heaviest pod by the saturated
    /// resource and the unhealthy pods on it; nodes with unhealthy pods on them first.
    /// </summary>
    /// <param name="nodes">The nodes, with allocatable and conditions.</param>
    /// <param name="pods">The pods read (their node and requests).</param>
    /// <param name="unhealthy">The unhealthy pods of the report (neighbours that suffer).</param>
    /// <param name="nodeUsage">metrics.k8s.io node usage by node name; empty when metrics are not readable.</param>
    /// <param name="podUsage">metrics.k8s.io pod usage by namespace/name; empty when not read.</param>
    /// <param name="now">To date a pressure condition.</param>
    public static IReadOnlyList<NodePressure> Find(
        IReadOnlyList<V1Node> nodes, IReadOnlyList<V1Pod> pods, IReadOnlyList<PodSummary> unhealthy,
        IReadOnlyDictionary<string, Usage> nodeUsage, IReadOnlyDictionary<string, Usage> podUsage, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(unhealthy);
        ArgumentNullException.ThrowIfNull(nodeUsage);
        ArgumentNullException.ThrowIfNull(podUsage);
        var found = new List<NodePressure>();
        foreach (var node in nodes)
        {
            var name = node.Metadata?.Name;
            if (name is null || node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status != "True")
                continue;
            var parts = new List<string>();
            string? resource = null;
            if (nodeUsage.TryGetValue(name, out var usage))
            {
                var cpu = Allocatable(node, "cpu");
                var memory = Allocatable(node, "memory");
                if (cpu is > 0 && usage.Cores >= SaturatedShare * cpu)
                {
                    parts.Add(string.Create(CultureInfo.InvariantCulture, $"cpu {Quantities.Percent(usage.Cores, cpu)} of allocatable ({usage.Cores:0.#} of {cpu:0.#} cores)"));
                    resource = "cpu";
                }

                if (memory is > 0 && usage.Bytes >= SaturatedShare * memory)
                {
                    parts.Add($"memory {Quantities.Percent(usage.Bytes, memory)} of allocatable ({Quantities.Mebibytes(usage.Bytes)} of {Quantities.Mebibytes(memory.Value)})");
                    resource ??= "memory";
                }
            }

            foreach (var condition in (node.Status?.Conditions ?? []).Where(c => c.Status == "True" && PressureConditions.Contains(c.Type)))
            {
                parts.Add($"{condition.Type} for {Ages.Since(Ages.Utc(condition.LastTransitionTime), now)}{(string.IsNullOrWhiteSpace(condition.Message) ? "" : ": " + UntrustedText.Line(condition.Message, 80))}");
                resource ??= condition.Type == "MemoryPressure" ? "memory" : null;
            }

            if (parts.Count == 0)
                continue;
            var onNode = pods.Where(p => p.Spec?.NodeName == name).ToList();
            var heaviest = resource is null ? null : onNode
                .Select(p => (Pod: p, Usage: podUsage.GetValueOrDefault($"{p.Metadata?.NamespaceProperty}/{p.Metadata?.Name}")))
                .Where(p => p.Usage is not null)
                .Select(p => new HeaviestPod(p.Pod.Metadata?.NamespaceProperty ?? "", p.Pod.Metadata?.Name ?? "?", resource,
                    resource == "cpu" ? p.Usage!.Cores : p.Usage!.Bytes, Request(p.Pod, resource)))
                .OrderByDescending(p => p.Used)
                .FirstOrDefault();
            var neighbours = unhealthy
                .Where(p => p.Node == name && !(heaviest is not null && p.Namespace == heaviest.Namespace && p.Name == heaviest.Name))
                .ToList();
            found.Add(new NodePressure(name, "saturated: " + string.Join("; ", parts), heaviest, neighbours));
        }

        return [.. found.OrderByDescending(n => n.Neighbours.Count).ThenBy(n => n.Node, StringComparer.Ordinal)];
    }

    /// <summary>Usage of the pods in a metrics.k8s.io PodMetricsList item set, summed over containers.</summary>
    public static Usage Sum(IEnumerable<(string? Cpu, string? Memory)> containers) =>
        new((containers ?? []).Sum(c => Quantities.Parse(c.Cpu) ?? 0), (containers ?? []).Sum(c => Quantities.Parse(c.Memory) ?? 0));

    private static double? Allocatable(V1Node node, string resource) =>
        node.Status?.Allocatable?.TryGetValue(resource, out var quantity) == true ? Quantities.Parse(quantity.ToString()) : null;

    /// <summary>The pod's request of a resource, summed over its containers; null when a container requests none.</summary>
    private static double? Request(V1Pod pod, string resource)
    {
        var requests = (pod.Spec?.Containers ?? [])
            .Select(c => c.Resources?.Requests?.TryGetValue(resource, out var q) == true ? Quantities.Parse(q.ToString()) : null)
            .ToList();
        return requests.Count == 0 || requests.Any(r => r is null) ? null : requests.Sum();
    }
}
