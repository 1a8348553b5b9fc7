using System.Text.Json.Nodes;
using SreSuite.KubeFixture.Api;

namespace SreSuite.KubeFixture.Cluster;

/// <summary>
/// What the endpoints and EndpointSlice controllers would write for each Service with a selector: ready pods' IPs as
/// addresses, the others as not-ready. This lets a metric's <c>instance</c> (a pod IP) be mapped back to its pod and
/// Service, as on a real cluster.
/// </summary>
internal static class ServiceEndpoints
{
    /// <summary>Writes both for every Service with a selector; with <paramref name="keepExisting"/>, not where a snapshot brought its own Endpoints.</summary>
    public static void Populate(ObjectStore store, bool keepExisting = false)
    {
        foreach (var (_, service) in store.List(ApiResources.Services, null))
        {
            if (JsonFields.At(service, "spec.selector") is not JsonObject selector || selector.Count == 0)
                continue;
            var ns = JsonFields.Text(service, "metadata.namespace")!;
            var name = JsonFields.Text(service, "metadata.name")!;
            if (keepExisting && store.Get(ApiResources.Endpoints, ns, name) is not null)
                continue;
            var created = JsonFields.Text(service, "metadata.creationTimestamp");
            var pods = store.List(ApiResources.Pods, ns).Select(p => p.Object)
                .Where(pod => JsonFields.Text(pod, "status.podIP") is not null && selector.All(l => JsonFields.Text(pod, $"metadata.labels.{l.Key}") == l.Value?.ToString()))
                .ToList();
            var ports = JsonFields.Items(service, "spec.ports").Select(p => new { Name = JsonFields.Text(p, "name"), Port = TargetPort(p), Protocol = JsonFields.Text(p, "protocol") ?? "TCP" }).ToList();

            JsonObject Address(JsonObject pod) => new()
            {
                ["ip"] = JsonFields.Text(pod, "status.podIP"),
                ["nodeName"] = JsonFields.Text(pod, "spec.nodeName"),
                ["targetRef"] = new JsonObject
                {
                    ["kind"] = "Pod", ["namespace"] = ns, ["name"] = JsonFields.Text(pod, "metadata.name"), ["uid"] = JsonFields.Text(pod, "metadata.uid"),
                },
            };

            var ready = pods.Where(IsReady).ToList();
            var notReady = pods.Where(p => !IsReady(p)).ToList();
            var subset = new JsonObject { ["ports"] = new JsonArray([.. ports.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["port"] = p.Port, ["protocol"] = p.Protocol })]) };
            if (ready.Count > 0)
                subset["addresses"] = new JsonArray([.. ready.Select(p => (JsonNode)Address(p))]);
            if (notReady.Count > 0)
                subset["notReadyAddresses"] = new JsonArray([.. notReady.Select(p => (JsonNode)Address(p))]);
            store.Put(ApiResources.Endpoints, new JsonObject
            {
                ["apiVersion"] = "v1", ["kind"] = "Endpoints",
                ["metadata"] = new JsonObject
                {
                    ["name"] = name, ["namespace"] = ns, ["uid"] = Names.Uid($"endpoints/{ns}/{name}"), ["creationTimestamp"] = created,
                    ["labels"] = new JsonObject { ["app"] = name },
                },
                ["subsets"] = pods.Count == 0 ? new JsonArray() : new JsonArray(subset),
            });
            store.Put(ApiResources.EndpointSlices, new JsonObject
            {
                ["apiVersion"] = "discovery.k8s.io/v1", ["kind"] = "EndpointSlice",
                ["metadata"] = new JsonObject
                {
                    ["name"] = $"{name}-{Names.Digest($"slice/{ns}/{name}")[..5]}", ["namespace"] = ns, ["uid"] = Names.Uid($"endpointslice/{ns}/{name}"),
                    ["creationTimestamp"] = created,
                    ["labels"] = new JsonObject { ["kubernetes.io/service-name"] = name, ["endpointslice.kubernetes.io/managed-by"] = "endpointslice-controller.k8s.io" },
                    ["ownerReferences"] = new JsonArray(new JsonObject
                    {
                        ["apiVersion"] = "v1", ["kind"] = "Service", ["name"] = name, ["uid"] = JsonFields.Text(service, "metadata.uid"), ["controller"] = true, ["blockOwnerDeletion"] = true,
                    }),
                },
                ["addressType"] = "IPv4",
                ["endpoints"] = new JsonArray([.. pods.Select(pod => (JsonNode)new JsonObject
                {
                    ["addresses"] = new JsonArray(JsonFields.Text(pod, "status.podIP")),
                    ["conditions"] = new JsonObject { ["ready"] = IsReady(pod), ["serving"] = IsReady(pod), ["terminating"] = false },
                    ["nodeName"] = JsonFields.Text(pod, "spec.nodeName"),
                    ["targetRef"] = new JsonObject { ["kind"] = "Pod", ["namespace"] = ns, ["name"] = JsonFields.Text(pod, "metadata.name"), ["uid"] = JsonFields.Text(pod, "metadata.uid") },
                })]),
                ["ports"] = new JsonArray([.. ports.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["port"] = p.Port, ["protocol"] = p.Protocol })]),
            });
        }
    }

    private static bool IsReady(JsonObject pod) =>
        JsonFields.Items(pod, "status.conditions").Any(c => JsonFields.Text(c, "type") == "Ready" && JsonFields.Text(c, "status") == "True");

    private static long TargetPort(JsonObject port) =>
        JsonFields.At(port, "targetPort") is JsonValue value && value.TryGetValue<long>(out var number) ? number : JsonFields.Number(port, "port");
}
