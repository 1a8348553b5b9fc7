using System.Globalization;
using System.Text.Json.Nodes;
using SreSuite.KubeFixture.Api;

namespace SreSuite.KubeFixture.Cluster;

/// <summary>
/// core/v1 Events of the last hour (the API server's default event TTL), derived from what the pods are
/// going through. Scheduler events use the newer events.k8s.io style (eventTime and series, no count).
/// </summary>
internal sealed class ClusterEvents(ObjectStore store, DateTimeOffset now, Names names)
{
    public void AddAll()
    {
        foreach (var (_, pod) in store.List(ApiResources.Pods, null))
            AddPodEvents(pod);
        AddNodeEvents();
        AddControllerEvents();
    }

    private void AddPodEvents(JsonObject pod)
    {
        var ns = JsonFields.Text(pod, "metadata.namespace")!;
        var name = JsonFields.Text(pod, "metadata.name")!;
        var node = JsonFields.Text(pod, "spec.nodeName");
        var created = JsonFields.Time(pod, "metadata.creationTimestamp")!.Value;
        var main = JsonFields.Items(pod, "status.containerStatuses").FirstOrDefault();
        var container = JsonFields.Text(main, "name") ?? JsonFields.Text(JsonFields.Items(pod, "spec.containers").First(), "name")!;
        var image = JsonFields.Text(main, "image");
        var field = $"spec.containers{{{container}}}";
        var uid = JsonFields.Text(pod, "metadata.uid");
        var waiting = JsonFields.Text(main, "state.waiting.reason");

        if (waiting == "CrashLoopBackOff")
        {
            var restarts = (int)JsonFields.Number(main, "restartCount");
            var lastEnd = JsonFields.Time(main, "lastState.terminated.finishedAt")!.Value;
            Add(pod, field, "Warning", "BackOff", $"Back-off restarting failed container {container} in pod {name}_{ns}({uid})", created.AddMinutes(1), now.AddSeconds(-names.Next(5, 40)), restarts * 21, "kubelet", node);
            Add(pod, field, "Normal", "Pulled", $"Container image \"{image}\" already present on machine", created.AddSeconds(3), lastEnd.AddSeconds(-8), restarts, "kubelet", node);
            Add(pod, field, "Normal", "Created", $"Created container: {container}", created.AddSeconds(3), lastEnd.AddSeconds(-8), restarts + 1, "kubelet", node);
            Add(pod, field, "Normal", "Started", $"Started container {container}", created.AddSeconds(4), lastEnd.AddSeconds(-7), restarts + 1, "kubelet", node);
        }
        else if (waiting == "ImagePullBackOff")
        {
            var pullError = $"rpc error: code = NotFound desc = failed to pull and unpack image \"{image}\": failed to resolve reference \"{image}\": {image}: not found";
            var last = now.AddSeconds(-names.Next(10, 50));
            Add(pod, field, "Normal", "Pulling", $"Pulling image \"{image}\"", created.AddSeconds(2), last.AddMinutes(-4), 13, "kubelet", node);
            Add(pod, field, "Warning", "Failed", $"Failed to pull image \"{image}\": {pullError}", created.AddSeconds(3), last.AddMinutes(-4), 13, "kubelet", node);
            Add(pod, field, "Warning", "Failed", "Error: ErrImagePull", created.AddSeconds(3), last.AddMinutes(-4), 13, "kubelet", node);
            Add(pod, field, "Normal", "BackOff", $"Back-off pulling image \"{image}\"", created.AddSeconds(20), last, 204, "kubelet", node);
            Add(pod, field, "Warning", "Failed", "Error: ImagePullBackOff", created.AddSeconds(20), last, 204, "kubelet", node);
        }
        else if (JsonFields.Items(pod, "status.conditions").Any(c => JsonFields.Text(c, "reason") == "Unschedulable"))
        {
            AddSeries(pod, "Warning", "FailedScheduling", DemoCluster.UnschedulableMessage, created.AddSeconds(1), now.AddMinutes(-4), 9, "default-scheduler", "Scheduling");
        }
        else if (JsonFields.Items(pod, "status.conditions").Any(c => JsonFields.Text(c, "reason") == "NodeNotReady"))
        {
            var at = now - DemoCluster.NodeLostAgo + TimeSpan.FromSeconds(45);
            Add(pod, null, "Warning", "NodeNotReady", "Node is not ready", at, at, 1, "node-controller", null);
        }

        if (JsonFields.Text(main, "lastState.terminated.reason") == "OOMKilled" && node is not null)
        {
            var killed = JsonFields.Time(main, "lastState.terminated.finishedAt")!.Value;
            var pid = 20000 + names.Next(0, 9000);
            var message = $"Memory cgroup out of memory: Killed process {pid} (java) total-vm:2893104kB, anon-rss:{523000 + names.Next(0, 999)}kB, file-rss:28412kB, shmem-rss:0kB, UID:10001 pgtables:1468kB oom_score_adj:984";
            AddFor(Involved("Node", null, node, JsonFields.Text(store.Get(ApiResources.Nodes, null, node), "metadata.uid"), "v1", null), "default", "Warning", "OOMKilling", message, killed.AddHours(-2), killed, (int)JsonFields.Number(main, "restartCount"), "kernel-monitor", node);
        }

        if (JsonFields.Text(pod, "metadata.labels.app") == "checkout-web" && !_flakyProbeAdded)
        {
            _flakyProbeAdded = true;
            var at = now.AddMinutes(-35);
            Add(pod, field, "Warning", "Unhealthy", $"Readiness probe failed: Get \"http://{JsonFields.Text(pod, "status.podIP")}:8080/healthz\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)", at, at.AddSeconds(20), 3, "kubelet", node);
        }

        if (JsonFields.Text(pod, "status.phase") == "Succeeded" && created > now.AddHours(-1))
        {
            Add(pod, null, "Normal", "Scheduled", $"Successfully assigned {ns}/{name} to {node}", created, created, 1, "default-scheduler", null);
            Add(pod, field, "Normal", "Pulled", $"Container image \"{image}\" already present on machine", created.AddSeconds(1), created.AddSeconds(1), 1, "kubelet", node);
            Add(pod, field, "Normal", "Created", $"Created container: {container}", created.AddSeconds(1), created.AddSeconds(1), 1, "kubelet", node);
            Add(pod, field, "Normal", "Started", $"Started container {container}", created.AddSeconds(2), created.AddSeconds(2), 1, "kubelet", node);
        }
    }

    private bool _flakyProbeAdded;

    private void AddNodeEvents()
    {
        var node = store.Get(ApiResources.Nodes, null, DemoStory.NotReadyNode)!;
        var at = now - DemoCluster.NodeLostAgo + TimeSpan.FromSeconds(40);
        AddFor(Involved("Node", null, DemoStory.NotReadyNode, JsonFields.Text(node, "metadata.uid"), "v1", null), "default", "Normal", "NodeNotReady",
            $"Node {DemoStory.NotReadyNode} status is now: NodeNotReady", at, at, 1, "node-controller", null);
    }

    private void AddControllerEvents()
    {
        foreach (var (_, deployment) in store.List(ApiResources.Deployments, null))
        {
            var rolled = JsonFields.Time(JsonFields.Items(deployment, "metadata.managedFields").FirstOrDefault(), "time");
            if (rolled is not { } at || at < now.AddHours(-1))
                continue;
            var rs = store.List(ApiResources.ReplicaSets, JsonFields.Text(deployment, "metadata.namespace"))
                .Select(pair => pair.Object)
                .Where(r => JsonFields.Items(r, "metadata.ownerReferences").Any(o => JsonFields.Text(o, "uid") == JsonFields.Text(deployment, "metadata.uid")))
                .MaxBy(r => int.Parse((string?)r["metadata"]?["annotations"]?["deployment.kubernetes.io/revision"] ?? "0", CultureInfo.InvariantCulture));
            AddFor(InvolvedOf(deployment, null), JsonFields.Text(deployment, "metadata.namespace")!, "Normal", "ScalingReplicaSet",
                $"Scaled up replica set {JsonFields.Text(rs, "metadata.name")} from 0 to {JsonFields.Number(deployment, "spec.replicas")}", at, at, 1, "deployment-controller", null);
        }

        foreach (var (_, job) in store.List(ApiResources.Jobs, null))
        {
            var created = JsonFields.Time(job, "metadata.creationTimestamp")!.Value;
            if (created < now.AddHours(-1))
                continue;
            var ns = JsonFields.Text(job, "metadata.namespace")!;
            var jobName = JsonFields.Text(job, "metadata.name")!;
            var pod = store.List(ApiResources.Pods, ns).Select(p => p.Object).FirstOrDefault(p => JsonFields.Text(p, "metadata.labels.job-name") == jobName);
            AddFor(InvolvedOf(job, null), ns, "Normal", "SuccessfulCreate", $"Created pod: {JsonFields.Text(pod, "metadata.name")}", created.AddSeconds(1), created.AddSeconds(1), 1, "job-controller", null);
            AddFor(InvolvedOf(job, null), ns, "Normal", "Completed", "Job completed", created.AddSeconds(48), created.AddSeconds(48), 1, "job-controller", null);
            var cron = store.Get(ApiResources.CronJobs, ns, JsonFields.Text(JsonFields.Items(job, "metadata.ownerReferences").First(), "name")!)!;
            AddFor(InvolvedOf(cron, null), ns, "Normal", "SuccessfulCreate", $"Created job {jobName}", created, created, 1, "cronjob-controller", null);
            AddFor(InvolvedOf(cron, null), ns, "Normal", "SawCompletedJob", $"Saw completed job: {jobName}, condition: Complete", created.AddSeconds(49), created.AddSeconds(49), 1, "cronjob-controller", null);
        }
    }

    private void Add(JsonObject pod, string? fieldPath, string type, string reason, string message, DateTimeOffset first, DateTimeOffset last, int count, string component, string? host) =>
        AddFor(InvolvedOf(pod, fieldPath), JsonFields.Text(pod, "metadata.namespace")!, type, reason, message, first, last, count, component, host);

    private static JsonObject InvolvedOf(JsonObject obj, string? fieldPath) => Involved(
        JsonFields.Text(obj, "kind")!, JsonFields.Text(obj, "metadata.namespace"), JsonFields.Text(obj, "metadata.name")!, JsonFields.Text(obj, "metadata.uid"),
        JsonFields.Text(obj, "apiVersion")!, JsonFields.Text(obj, "metadata.resourceVersion"), fieldPath);

    private static JsonObject Involved(string kind, string? ns, string name, string? uid, string apiVersion, string? resourceVersion, string? fieldPath = null)
    {
        var involved = new JsonObject { ["kind"] = kind };
        if (ns is not null)
            involved["namespace"] = ns;
        involved["name"] = name;
        involved["uid"] = uid;
        involved["apiVersion"] = apiVersion;
        if (resourceVersion is not null)
            involved["resourceVersion"] = resourceVersion;
        if (fieldPath is not null)
            involved["fieldPath"] = fieldPath;
        return involved;
    }

    private void AddFor(JsonObject involved, string ns, string type, string reason, string message, DateTimeOffset first, DateTimeOffset last, int count, string component, string? host)
    {
        var metadata = EventMetadata(involved, ns, first);
        var source = new JsonObject { ["component"] = component };
        if (host is not null)
            source["host"] = host;
        var evt = new JsonObject
        {
            ["kind"] = "Event",
            ["apiVersion"] = "v1",
            ["metadata"] = metadata,
            ["involvedObject"] = involved,
            ["reason"] = reason,
            ["message"] = message,
            ["source"] = source,
            ["firstTimestamp"] = JsonFields.Rfc3339(first),
            ["lastTimestamp"] = JsonFields.Rfc3339(last),
            ["count"] = count,
            ["type"] = type,
            ["eventTime"] = null,
            ["reportingComponent"] = component,
            ["reportingInstance"] = host ?? "",
        };
        metadata["managedFields"] = new JsonArray { ManagedFields.Entry(component, "v1", last, ManagedFields.Of(evt, "count", "firstTimestamp", "involvedObject", "lastTimestamp", "message", "reason", "reportingComponent", "reportingInstance", "source", "type")) };
        store.Put(ApiResources.Events, evt);
    }

    private void AddSeries(JsonObject pod, string type, string reason, string message, DateTimeOffset first, DateTimeOffset last, int count, string controller, string action)
    {
        var ns = JsonFields.Text(pod, "metadata.namespace")!;
        var metadata = EventMetadata(InvolvedOf(pod, null), ns, first);
        var evt = new JsonObject
        {
            ["kind"] = "Event",
            ["apiVersion"] = "v1",
            ["metadata"] = metadata,
            ["involvedObject"] = InvolvedOf(pod, null),
            ["reason"] = reason,
            ["message"] = message,
            ["source"] = new JsonObject(),
            ["firstTimestamp"] = null,
            ["lastTimestamp"] = null,
            ["type"] = type,
            ["eventTime"] = JsonFields.Rfc3339Micro(first),
            ["series"] = new JsonObject { ["count"] = count, ["lastObservedTime"] = JsonFields.Rfc3339Micro(last) },
            ["action"] = action,
            ["reportingComponent"] = controller,
            ["reportingInstance"] = $"{controller}-ip-10-0-1-10",
        };
        metadata["managedFields"] = new JsonArray { ManagedFields.Entry(controller, "events.k8s.io/v1", last, ManagedFields.Of(evt, "action", "eventTime", "message", "reason", "reportingComponent", "reportingInstance", "series", "type")) };
        store.Put(ApiResources.Events, evt);
    }

    private JsonObject EventMetadata(JsonObject involved, string ns, DateTimeOffset first)
    {
        var name = $"{JsonFields.Text(involved, "name")}.{Names.Digest($"{JsonFields.Text(involved, "name")}/{names.Next(0, int.MaxValue)}")[..16]}";
        return new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["uid"] = Names.Uid($"event/{ns}/{name}"),
            ["creationTimestamp"] = JsonFields.Rfc3339(first),
        };
    }
}
