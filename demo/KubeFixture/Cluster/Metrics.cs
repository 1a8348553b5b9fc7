using System.Globalization;
using System.Text.Json.Nodes;
using SreSuite.KubeFixture.Api;

namespace SreSuite.KubeFixture.Cluster;

/// <summary>
/// metrics.k8s.io/v1beta1 as metrics-server serves it: usage of running containers on reachable nodes,
/// CPU in nanocores and memory in Ki, over a ~15 s window. A scenario's cAdvisor series give the usage of the containers
/// they name (<see cref="ScenarioUsage"/>); other containers' usage is derived from their requests and limits.
/// </summary>
public static class Metrics
{
    public static JsonObject Pod(JsonObject pod, DateTimeOffset now, ScenarioUsage? usage = null)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var containers = new JsonArray();
        foreach (var status in JsonFields.Items(pod, "status.containerStatuses").Where(s => JsonFields.At(s, "state.running") is not null))
        {
            var name = JsonFields.Text(status, "name")!;
            var spec = JsonFields.Items(pod, "spec.containers").First(c => JsonFields.Text(c, "name") == name);
            var seed = Names.Stable($"{JsonFields.Text(pod, "metadata.name")}/{name}");
            var requestMillis = Millicores(JsonFields.Text(spec, "resources.requests.cpu") ?? "100m");
            var limitKi = Kibibytes(JsonFields.Text(spec, "resources.limits.memory") ?? "256Mi");
            var oomProne = JsonFields.Text(status, "lastState.terminated.reason") == "OOMKilled";
            var ns = JsonFields.Text(pod, "metadata.namespace")!;
            var podName = JsonFields.Text(pod, "metadata.name")!;
            var cpuNano = usage?.Cores(ns, podName, name, now) is { } cores
                ? (long)(cores * 1_000_000_000)
                : (long)(requestMillis * (0.15 + seed % 70 / 100.0) * 1_000_000);
            var memoryKi = usage?.Bytes(ns, podName, name, now) is { } bytes
                ? (long)(bytes / 1024)
                : (long)(limitKi * (oomProne ? 0.93 + seed % 5 / 100.0 : 0.25 + seed % 40 / 100.0));
            containers.Add(new JsonObject
            {
                ["name"] = name,
                ["usage"] = new JsonObject { ["cpu"] = $"{cpuNano}n", ["memory"] = $"{memoryKi}Ki" },
            });
        }

        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = JsonFields.Text(pod, "metadata.name"),
                ["namespace"] = JsonFields.Text(pod, "metadata.namespace"),
                ["creationTimestamp"] = JsonFields.Rfc3339(now),
                ["labels"] = pod["metadata"]?["labels"]?.DeepClone(),
            },
            ["timestamp"] = JsonFields.Rfc3339(now.AddSeconds(-11)),
            ["window"] = "15.011s",
            ["containers"] = containers,
        };
    }

    public static JsonObject Node(JsonObject node, IEnumerable<JsonObject> podMetrics, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(node);
        var usage = podMetrics.SelectMany(p => JsonFields.Items(p, "containers")).ToList();
        var cpuNano = 350_000_000 + usage.Sum(c => long.Parse(JsonFields.Text(c, "usage.cpu")!.TrimEnd('n'), CultureInfo.InvariantCulture));
        var memoryKi = 1_400_000 + usage.Sum(c => long.Parse(JsonFields.Text(c, "usage.memory")![..^2], CultureInfo.InvariantCulture));
        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = JsonFields.Text(node, "metadata.name"),
                ["creationTimestamp"] = JsonFields.Rfc3339(now),
                ["labels"] = node["metadata"]?["labels"]?.DeepClone(),
            },
            ["timestamp"] = JsonFields.Rfc3339(now.AddSeconds(-9)),
            ["window"] = "20.024s",
            ["usage"] = new JsonObject { ["cpu"] = $"{cpuNano}n", ["memory"] = $"{memoryKi}Ki" },
        };
    }

    private static double Millicores(string quantity) => quantity.EndsWith('m')
        ? double.Parse(quantity[..^1], CultureInfo.InvariantCulture)
        : double.Parse(quantity, CultureInfo.InvariantCulture) * 1000;

    private static double Kibibytes(string quantity) => quantity switch
    {
        _ when quantity.EndsWith("Gi", StringComparison.Ordinal) => double.Parse(quantity[..^2], CultureInfo.InvariantCulture) * 1024 * 1024,
        _ when quantity.EndsWith("Mi", StringComparison.Ordinal) => double.Parse(quantity[..^2], CultureInfo.InvariantCulture) * 1024,
        _ when quantity.EndsWith("Ki", StringComparison.Ordinal) => double.Parse(quantity[..^2], CultureInfo.InvariantCulture),
        _ => double.Parse(quantity, CultureInfo.InvariantCulture) / 1024,
    };
}
