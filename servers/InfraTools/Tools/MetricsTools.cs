using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Nodes;
using ModelContextProtocol.Server;
using SreSuite.InfraTools.Kubernetes;
using SreSuite.InfraTools.Triage;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Tools;

[McpServerToolType]
public sealed class MetricsTools(KubernetesConnection kube, PodQueries queries, AnswerBudgets budgets)
{
    private const string MetricsRoot = "/apis/metrics.k8s.io/v1beta1";

    [McpServerTool(Name = "k8s_top", Title = "Metrics: Show top", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Show live CPU/memory of pods or nodes, highest first.")]
    public async Task<string> TopAsync(
        [Description("Pods or nodes"), AllowedValues("pods", "nodes")] string kind = "pods",
        [Description(Arguments.NamespaceHelp), StringLength(63)] string @namespace = "",
        [Description("Sort by"), AllowedValues("cpu", "memory")] string sort = "cpu",
        CancellationToken cancellationToken = default)
    {
        const int limit = 30;
        var answer = budgets.Start("k8s_top");
        if (kind == "nodes")
            await NodesAsync(answer, sort, limit, cancellationToken);
        else
            await PodsAsync(answer, Arguments.NamespaceOf(kube, @namespace), sort, limit, cancellationToken);
        return answer.ToString();
    }

    private async Task PodsAsync(AnswerBuilder answer, string? ns, string sort, int limit, CancellationToken cancellationToken)
    {
        var path = ns is null ? $"{MetricsRoot}/pods" : $"{MetricsRoot}/namespaces/{Uri.EscapeDataString(ns)}/pods";
        var metrics = await MetricsAsync(path, cancellationToken);
        var (pods, _) = await queries.AllAsync(ns, null, null, cancellationToken);
        var limits = pods.ToDictionary(
            p => $"{p.Metadata.NamespaceProperty}/{p.Metadata.Name}",
            p => (
                Cpu: Sum(p.Spec?.Containers?.Select(c => c.Resources?.Requests?.TryGetValue("cpu", out var q) == true ? q.ToString() : null)),
                Memory: Sum(p.Spec?.Containers?.Select(c => c.Resources?.Limits?.TryGetValue("memory", out var q) == true ? q.ToString() : null))));
        var rows = Items(metrics)
            .Select(item =>
            {
                var id = $"{(string?)item["metadata"]?["namespace"]}/{(string?)item["metadata"]?["name"]}";
                var containers = (item["containers"] as JsonArray ?? []).OfType<JsonObject>().ToList();
                var cpu = containers.Sum(c => Quantities.Parse((string?)c["usage"]?["cpu"]) ?? 0);
                var memory = containers.Sum(c => Quantities.Parse((string?)c["usage"]?["memory"]) ?? 0);
                var own = limits.GetValueOrDefault(id);
                return (Id: ns is null ? id : id[(id.IndexOf('/', StringComparison.Ordinal) + 1)..], Cpu: cpu, Memory: memory, CpuRequest: own.Cpu, MemoryLimit: own.Memory);
            })
            .OrderByDescending(r => sort == "cpu" ? r.Cpu : r.Memory)
            .ToList();

        answer.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"pod usage in {Arguments.Scope(ns)}: {rows.Count} pods with metrics, total {Quantities.Millicores(rows.Sum(r => r.Cpu))} CPU, {Quantities.Mebibytes(rows.Sum(r => r.Memory))} memory; by {sort}"));
        if (rows.Count == 0)
        {
            answer.AppendLine("no pod metrics: no running pods match, or metrics-server has not scraped them yet.");
            return;
        }

        answer.AppendLine("NAME CPU CPU%REQUEST MEMORY MEMORY%LIMIT");
        answer.AppendRows([.. rows.Take(limit)], r =>
            $"{r.Id} {Quantities.Millicores(r.Cpu)} {Quantities.Percent(r.Cpu, r.CpuRequest)} {Quantities.Mebibytes(r.Memory)} {Quantities.Percent(r.Memory, r.MemoryLimit)}",
            "pods", "pass a namespace");
        if (rows.Count > limit)
            answer.Note(string.Create(CultureInfo.InvariantCulture, $"… {rows.Count - limit} lower pods not shown; pass a namespace."));
    }

    private async Task NodesAsync(AnswerBuilder answer, string sort, int limit, CancellationToken cancellationToken)
    {
        var metrics = Items(await MetricsAsync($"{MetricsRoot}/nodes", cancellationToken))
            .ToDictionary(m => (string?)m["metadata"]?["name"] ?? "?", m => m);
        var nodes = await queries.NodesAsync(cancellationToken);
        var rows = nodes
            .Select(n =>
            {
                var usage = metrics.GetValueOrDefault(n.Metadata.Name)?["usage"];
                var cpu = Quantities.Parse((string?)usage?["cpu"]);
                var memory = Quantities.Parse((string?)usage?["memory"]);
                var allocatable = n.Status?.Allocatable;
                var ready = n.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status == "True" ? "Ready" : "NotReady";
                return (Name: n.Metadata.Name, Ready: ready, Cpu: cpu, Memory: memory,
                    CpuAllocatable: Quantities.Parse(allocatable?.TryGetValue("cpu", out var c) == true ? c.ToString() : null),
                    MemoryAllocatable: Quantities.Parse(allocatable?.TryGetValue("memory", out var m) == true ? m.ToString() : null));
            })
            .OrderByDescending(r => (sort == "cpu" ? r.Cpu : r.Memory) ?? -1)
            .ToList();
        answer.AppendLine(string.Create(CultureInfo.InvariantCulture, $"node usage: {metrics.Count} of {rows.Count} nodes report metrics; by {sort}"));
        answer.AppendLine("NAME STATUS CPU CPU% MEMORY MEMORY%");
        answer.AppendRows([.. rows.Take(limit)], r => r.Cpu is null || r.Memory is null
                ? $"{r.Name} {r.Ready} no-metrics (kubelet not reporting)"
                : $"{r.Name} {r.Ready} {Quantities.Millicores(r.Cpu.Value)} {Quantities.Percent(r.Cpu.Value, r.CpuAllocatable)} {Quantities.Mebibytes(r.Memory.Value)} {Quantities.Percent(r.Memory.Value, r.MemoryAllocatable)}",
            "nodes", "the busiest come first");
    }

    private async Task<JsonNode> MetricsAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await kube.GetJsonAsync(path, cancellationToken);
        }
        catch (ToolFailureException ex) when (ex.InnerException is KubernetesStatusException { Code: 404 })
        {
            throw new ToolFailureException("metrics.k8s.io is not served by this cluster: metrics-server is not installed, so there is no live CPU/memory usage. Use k8s_describe_workload for requests and limits, or query Prometheus (container_memory_working_set_bytes) if the cluster has it.", ex);
        }
        catch (ToolFailureException ex) when (ex.InnerException is KubernetesStatusException { Code: 503 })
        {
            throw new ToolFailureException("metrics-server is registered but not answering (503 from metrics.k8s.io); check the metrics-server pod in kube-system (k8s_list_pods namespace=kube-system).", ex);
        }
    }

    private static IEnumerable<JsonObject> Items(JsonNode list) => (list["items"] as JsonArray ?? []).OfType<JsonObject>();

    private static double? Sum(IEnumerable<string?>? quantities)
    {
        var values = (quantities ?? []).Select(Quantities.Parse).ToList();
        return values.Count == 0 || values.Any(v => v is null) ? null : values.Sum();
    }
}
