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

    /// <summary>An object's first <c>metadata.ownerReferences</c> entry: (kind, namespace, name) → (kind, name).</summary>
    private Dictionary<(string Kind, string? Namespace, string Name), (string Kind, string Name)> Owners { get; } = [];

    /// <summary>
    /// The workload an object belongs to, following owner references up (Pod → ReplicaSet → Deployment, Pod → Job →
    /// CronJob, Pod → StatefulSet); a ReplicaSet the cluster does not hold stands for its Deployment, minus its hash.
    /// </summary>
    public (string Kind, string Name) WorkloadOf(string kind, string? ns, string name)
    {
        var current = (Kind: kind, Name: name);
        for (var depth = 0; depth < 4 && Owners.TryGetValue((current.Kind, ns, current.Name), out var owner); depth++)
            current = owner;
        return current.Kind == "ReplicaSet" && current.Name.LastIndexOf('-') is > 0 and var dash ? ("Deployment", current.Name[..dash]) : current;
    }

    public static ClusterNames From(IEnumerable<(string Kind, string? Namespace, string Name, JsonObject Json)> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var names = new ClusterNames();
        foreach (var (kind, ns, name, json) in objects)
        {
            names.Objects.Add((kind, ns, name));
            if (json["metadata"]?["ownerReferences"]?[0] is JsonObject reference && reference["kind"]?.GetValue<string>() is { } ownerKind && reference["name"]?.GetValue<string>() is { } ownerName)
                names.Owners.TryAdd((kind, ns, name), (ownerKind, ownerName));
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
public static partial class ConsistencyCheck
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
        CatalogServices(scenario, cluster, problems);

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

    /// <summary>The labels that name a service or workload, which an investigator passes on as a tool's <c>service=</c>.</summary>
    private static readonly string[] ServiceLabels = ["service", "deployment", "statefulset", "daemonset", "cronjob", "workload"];

    /// <summary>
    /// The services the incident is about must be catalog services: IncidentTools takes <c>service=</c> as a catalog
    /// entity's name (incident_timeline, deploys_recent, oncall_now), and an investigator passes the service an alert
    /// names or the workload in trouble. So the workloads and Services of the root cause's ground-truth groups and of
    /// the groups its alerts are about (a pod by the workload that owns it), the service and workload labels of the
    /// incident's alerts (PagerDuty's, and the firing alerts the ground truth names) and those of every alert rule must
    /// each be some entity's name. Unrelated firing alerts of a large cluster, and services that only feel the
    /// incident downstream, may be left out of the catalog.
    /// </summary>
    private static void CatalogServices(Scenario scenario, ClusterNames cluster, List<string> problems)
    {
        var services = scenario.Catalog.Select(e => e.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var incidentAlerts = scenario.GroundTruth.Alerts.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);

        var alerted = scenario.GroundTruth.Alerts.Select(a => a.GroupId).ToHashSet(StringComparer.Ordinal);
        foreach (var group in scenario.GroundTruth.Groups.Where(g => (g.RootCause || alerted.Contains(g.Id))
            && g.Kind is "Pod" or "Deployment" or "StatefulSet" or "DaemonSet" or "Job" or "CronJob" or "Service"))
        {
            var workloads = cluster.Objects.Where(o => o.Kind == group.Kind && group.Matches(o.Namespace, o.Name))
                .Select(o => (o.Namespace, Workload: o.Kind == "Service" ? (Kind: "Service", o.Name) : cluster.WorkloadOf(o.Kind, o.Namespace, o.Name)))
                .Distinct();
            foreach (var (ns, workload) in workloads.Where(w => !services.Contains(w.Workload.Name)))
                problems.Add($"ground truth group {group.Id}: {workload.Kind} {ns}/{workload.Name} is no catalog.yaml entity's name");
        }

        foreach (var alert in scenario.Alerts.Where(a => incidentAlerts.Contains(a.Labels["alertname"])))
            Named($"alerts/alerts.json alert {alert.Labels["alertname"]}", alert.Labels);
        foreach (var rule in scenario.AlertRules)
        {
            Named($"alert rule {rule.Alert}", rule.Labels);
            Named($"alert rule {rule.Alert} expression", ExactMatchers(rule.Expr));
        }

        foreach (var incident in scenario.Incidents)
        {
            foreach (var details in incident.AlertDetails)
                Named($"PagerDuty {incident.Id}", details);
        }

        void Named(string source, IReadOnlyDictionary<string, string> labels)
        {
            foreach (var key in ServiceLabels)
            {
                if (labels.TryGetValue(key, out var name) && !services.Contains(name))
                    problems.Add($"{source}: {key} {name} is no catalog.yaml entity's name");
            }
        }
    }

    /// <summary>The <c>label="value"</c> matchers of a PromQL expression (not regex or negative ones); the first value of each label.</summary>
    private static Dictionary<string, string> ExactMatchers(string expression)
    {
        var matchers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Text.RegularExpressions.Match match in ExactMatcher().Matches(expression))
            matchers.TryAdd(match.Groups["label"].Value, match.Groups["value"].Value);
        return matchers;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?<label>[a-z_]+)=""(?<value>[^""]*)""")]
    private static partial System.Text.RegularExpressions.Regex ExactMatcher();

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
