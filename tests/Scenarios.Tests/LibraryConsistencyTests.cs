namespace SreSuite.Scenarios.Tests;

/// <summary>
/// Every scenario in the library tells one story: each pod, node, namespace, workload and version its alerts, series,
/// silences, PagerDuty incidents, GitHub deployments and ground truth name exists in its cluster.
/// </summary>
public sealed class LibraryConsistencyTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Library => new(ScenarioCatalog.Names());

    [Theory]
    [MemberData(nameof(Library))]
    public void Every_name_in_every_source_resolves_in_the_cluster(string name)
    {
        var scenario = ScenarioCatalog.Load(name, Now);

        var problems = ConsistencyCheck.Problems(scenario, Cluster(scenario));

        Assert.Empty(problems);
    }

    /// <summary>
    /// An offset left in a Kubernetes object (a time field the loader does not know, such as a Deployment
    /// condition's lastUpdateTime once was) is not a time to any client: the C# client failed k8s_find_unhealthy
    /// with a FormatException on it.
    /// </summary>
    [Theory]
    [MemberData(nameof(Library))]
    public void No_offset_is_left_unshifted_in_any_kubernetes_object(string name)
    {
        var scenario = ScenarioCatalog.Load(name, Now);

        var left = scenario.KubernetesObjects
            .SelectMany(o => Strings(o.Json).Where(v => System.Text.RegularExpressions.Regex.IsMatch(v.Value, @"^(?:now)?[-+]\d+[dhms]")).Select(v => $"{o.File}: {o.Kind} {o.Name} {v.Path}={v.Value}"))
            .ToList();

        Assert.True(left.Count == 0, string.Join('\n', left));
    }

    private static IEnumerable<(string Path, string Value)> Strings(System.Text.Json.Nodes.JsonNode? node, string path = "")
    {
        switch (node)
        {
            case System.Text.Json.Nodes.JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    foreach (var found in Strings(child, path.Length == 0 ? key : $"{path}.{key}"))
                        yield return found;
                }

                break;
            case System.Text.Json.Nodes.JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var found in Strings(array[i], $"{path}[{i}]"))
                        yield return found;
                }

                break;
            case System.Text.Json.Nodes.JsonValue value when value.TryGetValue<string>(out var text):
                yield return (path, text);
                break;
        }
    }

    [Fact]
    public void The_payments_story_s_crash_looping_pod_series_name_the_cluster_s_pods()
    {
        var scenario = ScenarioCatalog.Load(null, Now);
        var cluster = Cluster(scenario);
        var restarting = scenario.Metrics.Where(s => s.Labels["__name__"] == "kube_pod_container_status_restarts_total").Select(s => s.Labels["pod"]).ToList();

        Assert.Equal(2, restarting.Count);
        Assert.All(restarting, pod => Assert.Contains($"payments/{pod}", cluster.Pods));
    }

    [Fact]
    public void The_pods_prometheus_scrapes_are_the_cluster_s_with_their_ips_nodes_and_memory_limits()
    {
        var scenario = ScenarioCatalog.Load(null, Now);
        var pods = scenario.KubernetesObjects.Where(o => o.Kind == "Pod").Select(o => o.Json).ToDictionary(
            pod => $"{pod["metadata"]!["namespace"]!.GetValue<string>()}/{pod["metadata"]!["name"]!.GetValue<string>()}", StringComparer.Ordinal);
        var info = scenario.Metrics.Where(s => s.Labels["__name__"] == "kube_pod_info").ToList();
        var limits = scenario.Metrics.Where(s => s.Labels["__name__"] == "kube_pod_container_resource_limits").ToList();
        var instances = scenario.Metrics.Where(s => s.Labels["__name__"] == "process_resident_memory_bytes").Select(s => s.Labels["instance"]).ToHashSet(StringComparer.Ordinal);

        // Every scraped instance is a pod kube-state-metrics describes, with the cluster's IP, node and memory limit.
        Assert.Equal(10, instances.Count);
        Assert.All(instances, instance => Assert.Contains(info, s => $"{s.Labels["pod_ip"]}:8080" == instance));
        foreach (var series in info)
        {
            Assert.True(pods.TryGetValue($"{series.Labels["namespace"]}/{series.Labels["pod"]}", out var json), $"pod {series.Labels["namespace"]}/{series.Labels["pod"]} is not in the cluster");
            Assert.Equal(series.Labels["pod_ip"], json["status"]?["podIP"]?.GetValue<string>());
            Assert.Equal(series.Labels["node"], json["spec"]?["nodeName"]?.GetValue<string>());
        }

        foreach (var series in limits)
        {
            var json = pods[$"{series.Labels["namespace"]}/{series.Labels["pod"]}"];
            var container = (json["spec"]!["containers"] as System.Text.Json.Nodes.JsonArray)!.Single(c => c!["name"]!.GetValue<string>() == series.Labels["container"]);
            Assert.Equal(series.Generator!.From, Bytes(container!["resources"]!["limits"]!["memory"]!.GetValue<string>()));
        }
    }

    private static double Bytes(string quantity) => quantity.EndsWith("Gi", StringComparison.Ordinal)
        ? double.Parse(quantity[..^2], System.Globalization.CultureInfo.InvariantCulture) * 1024 * 1024 * 1024
        : double.Parse(quantity[..^2], System.Globalization.CultureInfo.InvariantCulture) * 1024 * 1024;

    private static ClusterNames Cluster(Scenario scenario) =>
        ClusterNames.From(scenario.KubernetesObjects.Select(o => (o.Kind, o.Namespace, o.Name, o.Json)));
}
