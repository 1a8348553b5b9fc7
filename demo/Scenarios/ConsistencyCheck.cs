using System.Text.Json.Nodes;

namespace SreSuite.Scenarios;

/// <summary>The names a cluster knows: what every other source's pod, node, namespace, workload and version must resolve to.</summary>
public sealed class ClusterNames
{
    public HashSet<string> Namespaces { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Nodes { get; } = new(StringComparer.Ordinal);

    /// <summary><c>namespace/pod</c>.</summary>
    public HashSet<string> Pods { get; } = new(StringComparer.Ordinal);

    /// <summary><c>namespace/name</c> of Deployments, StatefulSets, DaemonSets, Jobs and CronJobs.</summary>
    public HashSet<string> Workloads { get; } = new(StringComparer.Ordinal);

    /// <summary><c>namespace/name</c> of Services.</summary>
    public HashSet<string> Services { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Containers { get; } = new(StringComparer.Ordinal);

    /// <summary><c>namespace/workload</c> → image tags its pods and ReplicaSets run or ran.</summary>
    public Dictionary<string, HashSet<string>> ImageTags { get; } = new(StringComparer.Ordinal);

    public List<(string Kind, string? Namespace, string Name)> Objects { get; } = [];

    public static ClusterNames From(IEnumerable<(string Kind, string? Namespace, string Name, JsonObject Json)> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var names = new ClusterNames();
        foreach (var (kind, ns, name, json) in objects)
        {
            names.Objects.Add((kind, ns, name));
            if (ns is not null)
                names.Namespaces.Add(ns);
            switch (kind)
            {
                case "Namespace": names.Namespaces.Add(name); break;
                case "Node": names.Nodes.Add(name); break;
                case "Pod": names.Pods.Add($"{ns}/{name}"); break;
                case "Service": names.Services.Add($"{ns}/{name}"); break;
                case "Deployment" or "StatefulSet" or "DaemonSet" or "Job" or "CronJob": names.Workloads.Add($"{ns}/{name}"); break;
            }

            if (kind is "Pod" or "ReplicaSet" or "Deployment" or "StatefulSet" or "DaemonSet")
            {
                var containers = (kind == "Pod" ? json["spec"]?["containers"] : json["spec"]?["template"]?["spec"]?["containers"]) as JsonArray;
                var owner = kind switch
                {
                    "Pod" => json["metadata"]?["ownerReferences"]?[0]?["name"]?.GetValue<string>() is { } rs ? TrimHash(rs, json) : name,
                    "ReplicaSet" => name.LastIndexOf('-') is > 0 and var dash ? name[..dash] : name,
                    _ => name,
                };
                foreach (var container in containers ?? [])
                {
                    if (container?["name"]?.GetValue<string>() is { } containerName)
                        names.Containers.Add(containerName);
                    if (container?["image"]?.GetValue<string>() is { } image && image.LastIndexOf(':') is > 0 and var colon && !image[colon..].Contains('/', StringComparison.Ordinal))
                    {
                        if (!names.ImageTags.TryGetValue($"{ns}/{owner}", out var tags))
                            names.ImageTags[$"{ns}/{owner}"] = tags = new HashSet<string>(StringComparer.Ordinal);
                        tags.Add(image[(colon + 1)..]);
                    }
                }
            }
        }

        return names;
    }

    private static string TrimHash(string replicaSet, JsonObject pod)
    {
        var hash = pod["metadata"]?["labels"]?["pod-template-hash"]?.GetValue<string>();
        return hash is not null && replicaSet.EndsWith("-" + hash, StringComparison.Ordinal) ? replicaSet[..^(hash.Length + 1)] : replicaSet;
    }
}

/// <summary>
/// Walks a scenario across its sources (Kubernetes, Prometheus series and alerts, Alertmanager silences, PagerDuty,
/// GitHub, ground truth) and lists every name that does not resolve in the cluster, so the sources tell one story.
/// </summary>
public static class ConsistencyCheck
{
    public static IReadOnlyList<string> Problems(Scenario scenario, ClusterNames cluster)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(cluster);
        var problems = new List<string>();
        foreach (var alert in scenario.Alerts)
            CheckLabels($"alerts/alerts.json alert {alert.Labels["alertname"]}", alert.Labels, cluster, problems);
        foreach (var rule in scenario.AlertRules)
            CheckLabels($"alert rule {rule.Alert}", rule.Labels, cluster, problems);
        foreach (var series in scenario.Metrics)
            CheckLabels($"{series.File} series {series.Labels["__name__"]}", series.Labels, cluster, problems);
        foreach (var silence in scenario.Silences)
            CheckLabels($"silence '{silence.Comment}'", silence.Matchers, cluster, problems);
        foreach (var incident in scenario.Incidents)
        {
            foreach (var details in incident.AlertDetails)
                CheckLabels($"PagerDuty {incident.Id}", details, cluster, problems);
            foreach (var silence in scenario.Silences.Where(s => s.ExpiredAt is null && s.StartsAt <= incident.CreatedAt && s.EndsAt > incident.CreatedAt))
            {
                if (incident.AlertDetails.Any(d => silence.Matchers.All(m => d.TryGetValue(m.Key, out var v) && v == m.Value)))
                    problems.Add($"PagerDuty {incident.Id} was opened while silence '{silence.Comment}' covered its alert");
            }
        }

        foreach (var deployment in scenario.Deployments.Where(d => d.Workload is not null))
        {
            var key = $"{deployment.Namespace}/{deployment.Workload}";
            if (!cluster.Workloads.Contains(key))
                problems.Add($"GitHub deployment {deployment.Id} of {deployment.Repository} names workload {key}, which the cluster does not have");
            else if (!cluster.ImageTags.TryGetValue(key, out var tags) || !tags.Contains(deployment.Ref))
                problems.Add($"GitHub deployment {deployment.Id} rolled out {deployment.Ref}, but {key} runs only {string.Join(", ", cluster.ImageTags.GetValueOrDefault(key) ?? [])}");
        }

        CatalogLinks(scenario, problems);

        var alertNames = scenario.Alerts.Select(a => a.Labels["alertname"]).Concat(scenario.AlertRules.Select(r => r.Alert)).ToHashSet(StringComparer.Ordinal);
        foreach (var alert in scenario.GroundTruth.Alerts.Where(a => alertNames.Count > 0 && !alertNames.Contains(a.Id)))
            problems.Add($"ground truth alert {alert.Id} is neither firing (alerts/alerts.json) nor a rule (alerts/rules.yaml)");

        foreach (var group in scenario.GroundTruth.Groups)
        {
            if (!cluster.Objects.Any(o => o.Kind == group.Kind && group.Matches(o.Namespace, o.Name)))
                problems.Add($"ground truth group {group.Id} ({group.Kind} in {group.Namespace ?? "any namespace"}) matches no object in the cluster");
        }

        return problems;
    }

    /// <summary>
    /// IncidentTools finds a service's incidents and deploys through catalog.yaml: every PagerDuty service and GitHub
    /// repository the scenario's incident sources name must be some entity's annotation, or no tool call can reach it.
    /// </summary>
    private static void CatalogLinks(Scenario scenario, List<string> problems)
    {
        var pagerDutyServices = scenario.Catalog.Where(e => e.PagerDutyServiceId is not null).Select(e => e.PagerDutyServiceId!).ToHashSet(StringComparer.Ordinal);
        var repositories = scenario.Catalog.Where(e => e.Repository is not null).Select(e => e.Repository!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (incident, i) in scenario.Incidents.Select((x, i) => (x, i)))
        {
            if (!pagerDutyServices.Contains(incident.ServiceId))
                problems.Add($"pagerduty/incidents.json: incidents[{i}].service.id: '{incident.ServiceId}' is no catalog.yaml entity's pagerduty.com/service-id annotation");
        }

        foreach (var (oncall, i) in scenario.OnCalls.Select((x, i) => (x, i)))
        {
            if (oncall.ServiceId is { } id && !pagerDutyServices.Contains(id))
                problems.Add($"pagerduty/oncalls.json: oncalls[{i}].service: '{id}' is no catalog.yaml entity's pagerduty.com/service-id annotation");
        }

        Repositories("github/deployments.json", "deployments", scenario.Deployments.Select(d => d.Repository));
        Repositories("github/runs.json", "workflow_runs", scenario.WorkflowRuns.Select(r => r.Repository));
        Repositories("github/commits.json", "commits", scenario.Commits.Select(c => c.Repository));
        Repositories("github/releases.json", "releases", scenario.Releases.Select(r => r.Repository));

        void Repositories(string file, string list, IEnumerable<string> named)
        {
            foreach (var (repository, i) in named.Select((x, i) => (x, i)))
            {
                if (!repositories.Contains(repository))
                    problems.Add($"{file}: {list}[{i}].repository: '{repository}' is no catalog.yaml entity's github.com/project-slug annotation");
            }
        }
    }

    private static void CheckLabels(string source, IReadOnlyDictionary<string, string> labels, ClusterNames cluster, List<string> problems)
    {
        labels.TryGetValue("namespace", out var ns);
        if (ns is not null && !cluster.Namespaces.Contains(ns))
            problems.Add($"{source}: namespace {ns} is not in the cluster");
        if (labels.TryGetValue("pod", out var pod) && (ns is null ? !cluster.Pods.Any(p => p.EndsWith("/" + pod, StringComparison.Ordinal)) : !cluster.Pods.Contains($"{ns}/{pod}")))
            problems.Add($"{source}: pod {(ns is null ? "" : ns + "/")}{pod} is not in the cluster");
        if (labels.TryGetValue("node", out var node) && !cluster.Nodes.Contains(node))
            problems.Add($"{source}: node {node} is not in the cluster");
        foreach (var key in new[] { "deployment", "statefulset", "daemonset", "workload" })
        {
            if (labels.TryGetValue(key, out var workload) && (ns is null ? !cluster.Workloads.Any(w => w.EndsWith("/" + workload, StringComparison.Ordinal)) : !cluster.Workloads.Contains($"{ns}/{workload}")))
                problems.Add($"{source}: {key} {(ns is null ? "" : ns + "/")}{workload} is not in the cluster");
        }

        if (labels.TryGetValue("container", out var container) && !cluster.Containers.Contains(container))
            problems.Add($"{source}: container {container} runs in no pod of the cluster");
    }
}
