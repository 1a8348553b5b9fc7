using System.Text.Json.Nodes;
using SreSuite.KubeFixture;
using SreSuite.KubeFixture.Api;
using SreSuite.KubeFixture.Cluster;

namespace SreSuite.InfraTools.Tests;

/// <summary>Facts about the demo cluster read straight from the fixture's store, to check answers against.</summary>
internal static class DemoPods
{
    public static IReadOnlyList<JsonObject> In(KubeFixtureServer cluster, string? ns) =>
        [.. cluster.Store.List(ApiResources.Pods, ns).Select(p => p.Object)];

    public static string Name(JsonObject pod) => JsonFields.Text(pod, "metadata.name")!;

    public static string Namespace(JsonObject pod) => JsonFields.Text(pod, "metadata.namespace")!;

    public static string Waiting(JsonObject pod) =>
        JsonFields.Items(pod, "status.containerStatuses").Select(s => JsonFields.Text(s, "state.waiting.reason")).FirstOrDefault(r => r is not null) ?? "";

    /// <summary>A crash-looping pod of the new payments-api ReplicaSet.</summary>
    public static string CrashLooping(KubeFixtureServer cluster) =>
        Name(In(cluster, DemoStory.Namespace).First(p => Name(p).StartsWith(DemoStory.Deployment, StringComparison.Ordinal) && Waiting(p) == "CrashLoopBackOff"));

    /// <summary>A healthy payments-api pod of the previous ReplicaSet (a long request log).</summary>
    public static string Healthy(KubeFixtureServer cluster) =>
        Name(In(cluster, DemoStory.Namespace).First(p => Name(p).StartsWith(DemoStory.Deployment, StringComparison.Ordinal) && Waiting(p) == ""));

    /// <summary>Every pod a responder must see: broken containers, recent OOM kills, unschedulable, or on the lost node.</summary>
    public static IReadOnlyList<string> Unhealthy(KubeFixtureServer cluster, DateTimeOffset now) =>
        [.. In(cluster, null)
            .Where(p => Waiting(p) is "CrashLoopBackOff" or "ImagePullBackOff"
                || JsonFields.Text(p, "spec.nodeName") is null or DemoStory.NotReadyNode
                || JsonFields.Items(p, "status.containerStatuses").Any(s => JsonFields.Text(s, "lastState.terminated.reason") == "OOMKilled"
                    && JsonFields.Time(s, "lastState.terminated.finishedAt") > now.AddHours(-1)))
            .Select(p => $"{Namespace(p)}/{Name(p)}")];
}
