using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SreSuite.Scenarios;

/// <summary>
/// Reads a scenario folder (docs/scenarios.md) strictly: an unknown field, a missing one, a bad time or a dangling
/// ground-truth reference stops the load with one <see cref="ScenarioFormatException"/> line naming the file and field.
/// </summary>
public static class ScenarioLoader
{
    private static readonly string[] NamespacedKinds =
    [
        "Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob", "Service", "Endpoints", "EndpointSlice", "ConfigMap",
        "Secret", "Event", "PersistentVolumeClaim", "HorizontalPodAutoscaler", "ServiceAccount", "Ingress", "NetworkPolicy", "PodDisruptionBudget",
        "ControllerRevision", "Certificate", "ServiceMonitor",
    ];

    private static readonly string[] ClusterKinds = ["Node", "Namespace", "PersistentVolume", "StorageClass", "CustomResourceDefinition"];

    /// <summary>
    /// The kinds the demo's Kubernetes fixture serves, with the group/version it serves each at (as a real API server's
    /// discovery would list them). An object of another kind or version could never be read back, so it fails the load.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ServedKinds { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Namespace"] = "v1", ["Node"] = "v1", ["Pod"] = "v1", ["Service"] = "v1", ["Endpoints"] = "v1", ["ConfigMap"] = "v1", ["Secret"] = "v1",
        ["Event"] = "v1", ["ServiceAccount"] = "v1", ["PersistentVolumeClaim"] = "v1", ["PersistentVolume"] = "v1",
        ["Deployment"] = "apps/v1", ["ReplicaSet"] = "apps/v1", ["StatefulSet"] = "apps/v1", ["DaemonSet"] = "apps/v1", ["ControllerRevision"] = "apps/v1",
        ["Job"] = "batch/v1", ["CronJob"] = "batch/v1", ["Ingress"] = "networking.k8s.io/v1", ["NetworkPolicy"] = "networking.k8s.io/v1",
        ["HorizontalPodAutoscaler"] = "autoscaling/v2", ["EndpointSlice"] = "discovery.k8s.io/v1", ["StorageClass"] = "storage.k8s.io/v1",
        ["PodDisruptionBudget"] = "policy/v1", ["CustomResourceDefinition"] = "apiextensions.k8s.io/v1",
        ["Certificate"] = "cert-manager.io/v1", ["ServiceMonitor"] = "monitoring.coreos.com/v1",
    };

    public static Scenario Load(string folder, DateTimeOffset runNow)
    {
        ArgumentNullException.ThrowIfNull(folder);
        folder = Path.GetFullPath(folder);
        if (!Directory.Exists(folder))
            throw new ScenarioFormatException($"scenario folder {folder} does not exist");
        if (!File.Exists(Path.Combine(folder, "scenario.yaml")))
            throw new ScenarioFormatException("scenario.yaml", "(file)", $"is missing from {folder}");

        var head = ScenarioNode.Load(folder, "scenario.yaml").RequireObject("name", "description", "now", "fault_class", "tags");
        var name = head["name"].Text();
        if (!Regex.IsMatch(name, "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"))
            throw head["name"].Error($"'{name}' must be lower-case letters, digits and dashes (it is the folder's name in the library)");
        var description = head["description"].Text();
        var nowText = head["now"].Text();
        if (!DateTimeOffset.TryParse(nowText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var scenarioNow))
            throw head["now"].Error($"'{nowText}' is not an RFC 3339 time");
        var faultClass = head["fault_class"].Text();
        if (!Scenario.FaultClasses.Contains(faultClass))
            throw head["fault_class"].Error($"'{faultClass}' is not one of {string.Join(", ", Scenario.FaultClasses)}");
        head["tags"].Items();

        var clock = new ScenarioClock(DateTimeOffset.FromUnixTimeSeconds(scenarioNow.ToUnixTimeSeconds()), DateTimeOffset.FromUnixTimeSeconds(runNow.ToUnixTimeSeconds()));
        if (!File.Exists(Path.Combine(folder, "ground_truth.yaml")))
            throw new ScenarioFormatException("ground_truth.yaml", "(file)", $"is missing from {folder}");
        var groundTruth = ReadGroundTruth(ScenarioNode.Load(folder, "ground_truth.yaml"));
        if (!File.Exists(Path.Combine(folder, "catalog.yaml")))
            throw new ScenarioFormatException("catalog.yaml", "(file)", $"is missing from {folder}; IncidentTools resolves services through it (docs/scenarios.md)");

        var objects = new List<KubeObject>();
        foreach (var file in Files(folder, "kubernetes", ".json", ".yaml", ".yml"))
        {
            if (Path.GetFileName(file) is "generate.yaml" or "generate.yml")
                ClusterGenerator.Expand(ScenarioNode.Load(folder, file), clock, objects);
            else
                ReadObjects(ScenarioNode.Load(folder, file), clock, objects);
        }

        CheckUnique(objects);
        var help = new Dictionary<string, string>(StringComparer.Ordinal);

        return new Scenario
        {
            Folder = folder,
            Name = name,
            Description = description,
            FaultClass = faultClass,
            Clock = clock,
            GroundTruth = groundTruth,
            KubernetesObjects = objects,
            Logs = ReadLogs(folder),
            Metrics = [.. Files(folder, "metrics", ".yaml", ".yml", ".json").SelectMany(file => ReadMetrics(ScenarioNode.Load(folder, file), clock, help))],
            MetricHelp = help,
            AlertRules = [.. RuleFiles(folder).SelectMany(file => ReadRules(ScenarioNode.Load(folder, file)))],
            RuleFiles = [.. RuleFiles(folder).Select(f => Path.Combine(folder, f))],
            Alerts = Optional(folder, "alerts/alerts.json") is { } alerts ? ReadAlerts(ScenarioNode.Load(folder, alerts), clock) : [],
            Silences = Optional(folder, "alerts/silences.yaml") is { } silences ? ReadSilences(ScenarioNode.Load(folder, silences), clock) : [],
            RunbookFiles = [.. Files(folder, "runbooks", ".md").Select(f => Path.Combine(folder, f))],
            RunbookApi = ReadApiRunbooks(folder),
            CatalogFile = Path.Combine(folder, "catalog.yaml"),
            Catalog = ReadCatalog(folder),
            Incidents = Optional(folder, "pagerduty/incidents.json") is { } incidents ? ReadIncidents(ScenarioNode.Load(folder, incidents), clock) : [],
            OnCalls = Optional(folder, "pagerduty/oncalls.json") is { } oncalls ? ReadOnCalls(ScenarioNode.Load(folder, oncalls), clock) : [],
            Deployments = Optional(folder, "github/deployments.json") is { } deployments ? ReadDeployments(ScenarioNode.Load(folder, deployments), clock) : [],
            WorkflowRuns = Optional(folder, "github/runs.json") is { } runs ? ReadRuns(ScenarioNode.Load(folder, runs), clock) : [],
            Commits = Optional(folder, "github/commits.json") is { } commits ? ReadCommits(ScenarioNode.Load(folder, commits), clock) : [],
            Releases = Optional(folder, "github/releases.json") is { } releases ? ReadReleases(ScenarioNode.Load(folder, releases), clock) : [],
        };
    }

    private static GroundTruth ReadGroundTruth(ScenarioNode file)
    {
        // ITBench's groundtruth_v1.yaml, as published: apiVersion itbench.io/v1, kind GroundTruth, the facts under spec.
        file.RequireObject("apiVersion", "kind", "metadata", "spec");
        if (file["apiVersion"].Text() != "itbench.io/v1")
            throw file["apiVersion"].Error("must be itbench.io/v1");
        if (file["kind"].Text() != "GroundTruth")
            throw file["kind"].Error("must be GroundTruth");
        file["metadata"].RequireObject("name")["name"].Text();
        var doc = file["spec"].RequireObject("alerts", "aliases", "fault", "groups", "propagations", "recommendedActions");
        var groups = new List<EntityGroup>();
        foreach (var item in doc["groups"].Items(required: true))
        {
            item.RequireObject("id", "kind", "namespace", "filter", "root_cause");
            var id = item["id"].Text();
            if (groups.Any(g => g.Id == id))
                throw item["id"].Error($"'{id}' is used by another group");
            var filters = new List<Regex>();
            foreach (var filter in item["filter"].Items(required: true))
            {
                try
                {
                    filters.Add(new Regex(filter.Text(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
                }
                catch (ArgumentException ex)
                {
                    throw filter.Error($"not a valid regular expression: {ex.Message}");
                }
            }

            if (filters.Count == 0)
                throw item["filter"].Error("needs at least one name filter");
            groups.Add(new EntityGroup(id, item["kind"].Text(), item["namespace"].OptionalString(), filters, item["root_cause"].Boolean(false)));
        }

        if (!groups.Any(g => g.RootCause))
            throw doc["groups"].Error("no group has root_cause: true");

        var faults = new List<Fault>();
        foreach (var item in doc["fault"].Items(required: true))
        {
            item.RequireObject("entity", "condition", "category", "fault_mechanism");
            var entity = item["entity"].RequireObject("name", "group_id", "kind");
            var groupId = entity["group_id"].Text();
            Known(entity["group_id"], groupId);
            faults.Add(new Fault(groupId, entity["name"].Text(), entity["kind"].Text(), item["condition"].Text(), item["category"].Text(), item["fault_mechanism"].Text()));
        }

        if (faults.Count == 0)
            throw doc["fault"].Error("needs at least one fault");

        var aliases = new List<IReadOnlyList<string>>();
        foreach (var item in doc["aliases"].Items())
        {
            var ids = item.Items(required: true).Select(id => Known(id, id.Text())).ToList();
            aliases.Add(ids);
        }

        var propagations = new List<Propagation>();
        foreach (var item in doc["propagations"].Items())
        {
            item.RequireObject("source", "target", "condition", "effect");
            propagations.Add(new Propagation(Known(item["source"], item["source"].Text()), Known(item["target"], item["target"].Text()),
                item["condition"].Text(), item["effect"].Text()));
        }

        var alerts = new List<GroundTruthAlert>();
        foreach (var item in doc["alerts"].Items())
        {
            item.RequireObject("id", "group_id", "metadata");
            alerts.Add(new GroundTruthAlert(item["id"].Text(), Known(item["group_id"], item["group_id"].Text()), item["metadata"]["description"].OptionalString()));
        }

        foreach (var item in doc["recommendedActions"].Items())
        {
            var solution = item.RequireObject("solution")["solution"].RequireObject("id", "actions");
            solution["id"].Text();
            solution["actions"].Items(required: true).ToList().ForEach(action => action.Text());
        }

        return new GroundTruth(faults, groups, aliases, propagations) { Alerts = alerts };

        string Known(ScenarioNode node, string id) =>
            groups.Any(g => g.Id == id) ? id : throw node.Error($"'{id}' is not the id of a group in groups");
    }

    private static void ReadObjects(ScenarioNode doc, ScenarioClock clock, List<KubeObject> into)
    {
        var root = doc.RequireObject();
        if (root["kind"].Text().EndsWith("List", StringComparison.Ordinal))
        {
            foreach (var item in root["items"].Items(required: true))
                into.Add(ReadObject(item, clock));
        }
        else
        {
            into.Add(ReadObject(root, clock));
        }
    }

    private static KubeObject ReadObject(ScenarioNode node, ScenarioClock clock)
    {
        node.RequireObject();
        var apiVersion = node["apiVersion"].Text();
        var kind = node["kind"].Text();
        if (!ServedKinds.TryGetValue(kind, out var servedVersion))
            throw node["kind"].Error($"'{kind}' is not a kind the demo cluster serves (it serves {string.Join(", ", ServedKinds.Keys.Order(StringComparer.Ordinal))})");
        if (apiVersion != servedVersion)
            throw node["apiVersion"].Error($"'{apiVersion}' is not the version the demo cluster serves {kind} at; write {servedVersion}");
        var metadata = node["metadata"].RequireObject();
        var name = metadata["name"].Text();
        var ns = metadata["namespace"].OptionalString();
        if (NamespacedKinds.Contains(kind) && ns is null)
            throw metadata["namespace"].Error($"is required for a {kind}");
        if (ClusterKinds.Contains(kind) && ns is not null)
            throw metadata["namespace"].Error($"a {kind} is cluster-scoped and has no namespace");
        var json = (JsonObject)node.Value!.DeepClone();
        ShiftTimes(json, clock, node);
        return new KubeObject(apiVersion, kind, ns, name, json, node.File);
    }

    /// <summary>Moves every timestamp in an object onto the run's clock; an offset (<c>-3h</c>) is allowed in any time field.</summary>
    internal static void ShiftTimes(JsonNode? node, ScenarioClock clock, ScenarioNode where)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (obj[key] is JsonValue value && value.TryGetValue<string>(out var text) && IsTimeField(key))
                    {
                        if (!clock.TryResolve(text, out var at))
                            throw new ScenarioFormatException(where.File, $"{where.Path}…{key}", $"'{text}' is neither an offset from now nor an RFC 3339 time");
                        obj[key] = at.UtcDateTime.ToString(at.Millisecond == 0 && key is not ("eventTime" or "lastObservedTime") ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        ShiftTimes(obj[key], clock, where);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                    ShiftTimes(item, clock, where);
                break;
        }
    }

    private static bool IsTimeField(string key) =>
        key.EndsWith("Timestamp", StringComparison.Ordinal) || key is "startTime" or "startedAt" or "finishedAt" or "lastTransitionTime" or "lastUpdateTime" or "lastProbeTime"
            or "lastHeartbeatTime" or "eventTime" or "lastScaleTime" or "lastScheduleTime" or "lastSuccessfulTime" or "completionTime" or "time" or "renewTime" or "acquireTime"
            // A taint's timeAdded and an events.k8s.io series' lastObservedTime (metav1.MicroTime, as eventTime).
            or "timeAdded" or "lastObservedTime"
            // cert-manager's Certificate status: an expired certificate has to stay expired on the run's clock.
            or "notBefore" or "notAfter" or "renewalTime" or "lastFailureTime";

    private static void CheckUnique(List<KubeObject> objects)
    {
        var seen = new HashSet<(string, string?, string)>();
        foreach (var o in objects)
        {
            if (!seen.Add((o.Kind, o.Namespace, o.Name)))
                throw new ScenarioFormatException(o.File, "metadata.name", $"{o.Kind} {(o.Namespace is null ? "" : o.Namespace + "/")}{o.Name} is defined twice");
        }
    }

    private static List<ContainerLog> ReadLogs(string folder)
    {
        var logs = new List<ContainerLog>();
        var root = Path.Combine(folder, "logs");
        if (!Directory.Exists(root))
            return logs;
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            var parts = relative.Split('/');
            var fileName = parts[^1];
            if (parts.Length != 4 || !fileName.EndsWith(".log", StringComparison.Ordinal))
                throw new ScenarioFormatException(relative, "(path)", "container logs live at logs/<namespace>/<pod>/<container>.log or <container>.previous.log");
            var previous = fileName.EndsWith(".previous.log", StringComparison.Ordinal);
            var container = fileName[..^(previous ? ".previous.log".Length : ".log".Length)];
            logs.Add(new ContainerLog(parts[1], parts[2], container, previous, file));
        }

        return logs;
    }

    private static IEnumerable<string> RuleFiles(string folder) =>
        Files(folder, "alerts", ".yaml", ".yml").Where(f => Path.GetFileNameWithoutExtension(f) == "rules");

    private static IEnumerable<MetricSeries> ReadMetrics(ScenarioNode doc, ScenarioClock clock, Dictionary<string, string> help)
    {
        doc.RequireObject("series", "help");
        foreach (var (metric, text) in Labels(doc["help"]))
            help[metric] = text;
        foreach (var item in doc["series"].Items(required: true))
        {
            item.RequireObject("labels", "samples", "generator");
            var labels = Labels(item["labels"], required: true);
            if (!labels.TryGetValue("__name__", out var metric) || !Regex.IsMatch(metric, "^[a-zA-Z_:][a-zA-Z0-9_:]*$"))
                throw item["labels"]["__name__"].Error("every series needs a valid metric name in __name__");
            var samples = new List<(DateTimeOffset, double)>();
            foreach (var sample in item["samples"].Items())
            {
                var pair = sample.Items(required: true);
                if (pair.Count != 2)
                    throw sample.Error("a sample is [time, value]");
                samples.Add((pair[0].Time(clock), pair[1].Number()));
            }

            MetricGenerator? generator = null;
            if (!item["generator"].IsMissing)
            {
                var g = item["generator"].RequireObject("shape", "from", "to", "start", "end", "at", "interval", "noise", "counter", "daily", "period", "integer");
                var shape = g["shape"].Text();
                if (shape is not ("constant" or "linear" or "step" or "sine"))
                    throw g["shape"].Error($"'{shape}' is not constant, linear, step or sine");
                var intervalText = g["interval"].OptionalString() ?? "+15s";
                if (!ScenarioClock.TryOffset(intervalText.StartsWith('+') ? intervalText : "+" + intervalText, out var interval) || interval <= TimeSpan.Zero)
                    throw g["interval"].Error($"'{intervalText}' is not a positive duration such as 15s");
                generator = new MetricGenerator(shape, g["from"].Number(), g["to"].IsMissing ? g["from"].Number() : g["to"].Number(),
                    g["start"].IsMissing ? clock.Now - TimeSpan.FromHours(24) : g["start"].Time(clock), g["end"].IsMissing ? clock.Now : g["end"].Time(clock),
                    g["at"].IsMissing ? null : g["at"].Time(clock), interval, g["noise"].IsMissing ? 0 : g["noise"].Number(), g["counter"].Boolean(false))
                {
                    Daily = g["daily"].IsMissing ? 0 : g["daily"].Number(),
                    Period = Duration(g["period"], TimeSpan.FromHours(1)),
                    WholeNumbers = g["integer"].Boolean(false),
                };
                if (shape == "step" && generator.At is null)
                    throw g["at"].Error("a step generator needs at");
                if (generator.End <= generator.Start)
                    throw g["end"].Error("must be after start");
                if (generator.Noise is < 0 or >= 1)
                    throw g["noise"].Error($"{generator.Noise} is not a relative wobble between 0 and 1 (0.1 is ±10%)");
                if (generator.Daily is < 0 or >= 1)
                    throw g["daily"].Error($"{generator.Daily} is not a relative daily swing between 0 and 1 (0.12 is ±12%)");
            }

            if (samples.Count == 0 && generator is null)
                throw item.Error("needs samples or a generator");
            yield return new MetricSeries(labels, samples, generator, doc.File);
        }
    }

    private static IEnumerable<AlertRule> ReadRules(ScenarioNode doc)
    {
        doc.RequireObject("groups");
        foreach (var group in doc["groups"].Items(required: true))
        {
            group.RequireObject("name", "interval", "rules");
            var groupName = group["name"].Text();
            foreach (var rule in group["rules"].Items(required: true))
            {
                rule.RequireObject("alert", "record", "expr", "for", "labels", "annotations", "keep_firing_for");
                if (!rule["record"].IsMissing)
                {
                    // A recording rule: Prometheus evaluates it; nothing fires from it.
                    rule["record"].Text();
                    rule["expr"].Text();
                    continue;
                }

                var forText = rule["for"].OptionalString() ?? "0s";
                if (!ScenarioClock.TryOffset("+" + forText, out var @for))
                    throw rule["for"].Error($"'{forText}' is not a duration such as 5m");
                yield return new AlertRule(groupName, rule["alert"].Text(), rule["expr"].Text(), @for, Labels(rule["labels"]), Labels(rule["annotations"]));
            }
        }
    }

    private static List<FiringAlert> ReadAlerts(ScenarioNode doc, ScenarioClock clock)
    {
        doc.RequireObject("status", "data");
        if (doc["status"].Text() != "success")
            throw doc["status"].Error("must be \"success\" (the /api/v1/alerts envelope)");
        var alerts = new List<FiringAlert>();
        foreach (var item in doc["data"].RequireObject("alerts")["alerts"].Items(required: true))
        {
            item.RequireObject("labels", "annotations", "state", "activeAt", "value", "keepFiringSince");
            var labels = Labels(item["labels"], required: true);
            if (!labels.ContainsKey("alertname"))
                throw item["labels"]["alertname"].Error("is required");
            var state = item["state"].Text();
            if (state is not ("firing" or "pending"))
                throw item["state"].Error($"'{state}' is not firing or pending");
            alerts.Add(new FiringAlert(labels, Labels(item["annotations"]), state, item["activeAt"].Time(clock), item["value"].OptionalString()));
        }

        return alerts;
    }

    private static List<Silence> ReadSilences(ScenarioNode doc, ScenarioClock clock)
    {
        doc.RequireObject("silences");
        return [.. doc["silences"].Items(required: true).Select(item =>
        {
            item.RequireObject("matchers", "startsAt", "endsAt", "createdBy", "comment", "expiredAt");
            return new Silence(Labels(item["matchers"], required: true), item["startsAt"].Time(clock), item["endsAt"].Time(clock), item["createdBy"].Text(),
                item["comment"].Text(), item["expiredAt"].IsMissing ? null : item["expiredAt"].Time(clock));
        })];
    }

    private static List<CatalogEntry> ReadCatalog(string folder)
    {
        // Backstage's catalog-info.yaml: one entity per document. Only what the backends resolve names through is
        // checked; the rest of an entity (links, spec.system, dependsOn …) is IncidentTools' to read.
        var entries = new List<CatalogEntry>();
        foreach (var entity in ScenarioNode.LoadDocuments(folder, "catalog.yaml"))
        {
            entity.RequireObject();
            entity["apiVersion"].Text();
            entity["kind"].Text();
            var metadata = entity["metadata"].RequireObject();
            var name = metadata["name"].Text();
            var annotations = metadata["annotations"];
            if (!annotations.IsMissing)
                annotations.RequireObject();
            var repository = annotations["github.com/project-slug"];
            var pagerDuty = annotations["pagerduty.com/service-id"].OptionalString();
            if (pagerDuty is not null && !Regex.IsMatch(pagerDuty, "^P[A-Z0-9]{5,13}$"))
                throw annotations["pagerduty.com/service-id"].Error($"'{pagerDuty}' is not a PagerDuty service id (P and 5 to 13 capital letters or digits)");
            entries.Add(new CatalogEntry(name, entity["spec"]["owner"].OptionalString(), repository.IsMissing ? null : Repository(repository), pagerDuty,
                annotations["backstage.io/kubernetes-namespace"].OptionalString(), entity.File));
        }

        if (entries.Count == 0)
            throw new ScenarioFormatException("catalog.yaml", "(document)", "has no entities; name at least the affected service (docs/scenarios.md)");
        var twice = entries.GroupBy(e => e.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new ScenarioFormatException(twice.Last().File, "metadata.name", $"'{twice.Key}' is defined twice");
        return entries;
    }

    private static List<ApiRunbook> ReadApiRunbooks(string folder)
    {
        // Unlike runbooks/ (IncidentTools' own folder, which indexes a broken file with a warning), the runbook API answers
        // every runbook with its title, service and alerts beside the Markdown, so here those fields are required.
        var runbooks = new List<ApiRunbook>();
        foreach (var file in Files(folder, "runbook-api", ".md"))
        {
            string markdown;
            try
            {
                markdown = File.ReadAllText(Path.Combine(folder, file));
            }
            catch (IOException ex)
            {
                throw new ScenarioFormatException(file, "(file)", $"cannot be read: {ex.Message}");
            }

            var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            var close = lines[0].TrimEnd() == "---" ? Array.FindIndex(lines, 1, l => l.TrimEnd() == "---") : -1;
            if (close < 0)
                throw new ScenarioFormatException(file, "(front matter)", "must open the file between two '---' lines, naming title, service and alerts (docs/scenarios.md)");
            var head = ScenarioNode.Parse(file, string.Join('\n', lines[1..close]))
                .RequireObject("title", "service", "alerts", "aliases", "severity", "owner", "tags");
            var alerts = head["alerts"].Items(required: true).Select(a => a.Text()).ToList();
            if (alerts.Count == 0)
                throw head["alerts"].Error("needs at least one alert name: the API finds runbooks by alert");
            foreach (var item in head["aliases"].Items().Concat(head["tags"].Items()))
                item.Text();
            head["severity"].OptionalString();
            head["owner"].OptionalString();
            runbooks.Add(new ApiRunbook(Path.GetFileNameWithoutExtension(file), head["title"].Text(), head["service"].Text(), alerts, markdown, file));
        }

        return runbooks;
    }

    private static List<PagerDutyIncident> ReadIncidents(ScenarioNode doc, ScenarioClock clock)
    {
        doc.RequireObject("incidents");
        var incidents = new List<PagerDutyIncident>();
        foreach (var item in doc["incidents"].Items(required: true))
        {
            item.RequireObject("id", "incident_number", "title", "status", "urgency", "service", "created_at", "assignees", "alerts", "log_entries", "notes");
            var status = item["status"].Text();
            if (status is not ("triggered" or "acknowledged" or "resolved"))
                throw item["status"].Error($"'{status}' is not triggered, acknowledged or resolved");
            var urgency = item["urgency"].Text();
            if (urgency is not ("high" or "low"))
                throw item["urgency"].Error($"'{urgency}' is not high or low");
            var service = item["service"].RequireObject("id", "summary");
            var alerts = item["alerts"].Items().Select(alert =>
            {
                alert.RequireObject("id", "summary", "status", "severity", "created_at", "body");
                var alertStatus = alert["status"].Text();
                if (alertStatus is not ("triggered" or "resolved"))
                    throw alert["status"].Error($"'{alertStatus}' is not triggered or resolved");
                return new PagerDutyAlert(alert["id"].Text(), alert["summary"].Text(), alertStatus, alert["severity"].Text(), alert["created_at"].Time(clock),
                    Labels(alert["body"].RequireObject("details")["details"]));
            }).ToList();
            var entries = item["log_entries"].Items().Select(entry =>
            {
                entry.RequireObject("id", "type", "summary", "created_at", "agent");
                var type = entry["type"].Text();
                if (!type.EndsWith("_log_entry", StringComparison.Ordinal))
                    throw entry["type"].Error($"'{type}' is not a PagerDuty log entry type (trigger_log_entry, notify_log_entry, …)");
                return new PagerDutyLogEntry(entry["id"].Text(), type, entry["summary"].Text(), entry["created_at"].Time(clock), entry["agent"].Text());
            }).ToList();
            var notes = item["notes"].Items().Select(note =>
            {
                note.RequireObject("id", "user", "content", "created_at");
                return new PagerDutyNote(note["id"].Text(), note["user"].Text(), note["content"].Text(), note["created_at"].Time(clock));
            }).ToList();
            if (status == "resolved" && !entries.Any(e => e.Type == "resolve_log_entry"))
                throw item["log_entries"].Error("a resolved incident needs a resolve_log_entry (its time is the incident's resolved_at)");
            incidents.Add(new PagerDutyIncident(item["id"].Text(), item["incident_number"].WholeNumber(1), item["title"].Text(), status, urgency, service["id"].Text(),
                service["summary"].Text(), item["created_at"].Time(clock), [.. item["assignees"].Items().Select(a => a.Text())], alerts, entries, notes));
        }

        var duplicate = incidents.GroupBy(i => i.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ScenarioFormatException(doc.File, "incidents[].id", $"'{duplicate.Key}' is used twice");
        return incidents;
    }

    private static List<OnCall> ReadOnCalls(ScenarioNode doc, ScenarioClock clock)
    {
        doc.RequireObject("oncalls");
        return [.. doc["oncalls"].Items(required: true).Select(item =>
        {
            item.RequireObject("schedule", "user", "escalation_level", "start", "end", "service");
            var schedule = item["schedule"].OptionalString();
            if (schedule is null && (!item["start"].IsMissing || !item["end"].IsMissing))
                throw item["start"].Error("a level without a schedule is a direct assignment and has no start or end");
            var service = item["service"].OptionalString();
            if (service is not null && !Regex.IsMatch(service, "^P[A-Z0-9]{5,13}$"))
                throw item["service"].Error($"'{service}' is not a PagerDuty service id");
            return new OnCall(schedule, item["user"].Text(), item["escalation_level"].WholeNumber(1, 10),
                schedule is null ? null : item["start"].Time(clock), schedule is null ? null : item["end"].Time(clock), service);
        })];
    }

    private static List<Deployment> ReadDeployments(ScenarioNode doc, ScenarioClock clock)
    {
        doc.RequireObject("deployments");
        return [.. doc["deployments"].Items(required: true).Select(item =>
        {
            item.RequireObject("repository", "id", "ref", "sha", "environment", "creator", "created_at", "state", "description", "payload");
            var payload = item["payload"];
            if (!payload.IsMissing)
                payload.RequireObject("namespace", "workload");
            var sha = Sha(item["sha"]);
            var state = item["state"].Text();
            if (state is not ("success" or "failure" or "error" or "in_progress" or "queued" or "pending" or "inactive"))
                throw item["state"].Error($"'{state}' is not a GitHub deployment state");
            return new Deployment(Repository(item["repository"]), item["id"].Id(), item["ref"].Text(), sha, item["environment"].Text(), item["creator"].Text(),
                item["created_at"].Time(clock), state, item["description"].OptionalString() ?? item["ref"].Text(), payload["namespace"].OptionalString(),
                payload["workload"].OptionalString());
        })];
    }

    private static List<WorkflowRun> ReadRuns(ScenarioNode doc, ScenarioClock clock)
    {
        doc.RequireObject("workflow_runs");
        return [.. doc["workflow_runs"].Items(required: true).Select((item, index) =>
        {
            item.RequireObject("repository", "id", "name", "head_sha", "head_branch", "event", "status", "conclusion", "created_at", "updated_at",
                "display_title", "actor", "run_number", "path");
            var status = item["status"].Text();
            if (status is not ("completed" or "in_progress" or "queued" or "waiting" or "requested" or "pending"))
                throw item["status"].Error($"'{status}' is not a GitHub workflow run status");
            var conclusion = item["conclusion"].OptionalString();
            if (status == "completed" && conclusion is null)
                throw item["conclusion"].Error("a completed run needs a conclusion (success, failure, cancelled …)");
            var created = item["created_at"].Time(clock);
            var path = item["path"].OptionalString() ?? ".github/workflows/deploy.yml";
            if (!path.StartsWith(".github/workflows/", StringComparison.Ordinal))
                throw item["path"].Error($"'{path}' is not a workflow file under .github/workflows/");
            return new WorkflowRun(Repository(item["repository"]), item["id"].Id(), item["name"].Text(), Sha(item["head_sha"]), item["head_branch"].Text(),
                item["event"].Text(), status, conclusion, created, item["updated_at"].IsMissing ? created : item["updated_at"].Time(clock),
                item["display_title"].OptionalString() ?? item["name"].Text(), item["actor"].OptionalString() ?? "github-actions[bot]",
                item["run_number"].IsMissing ? index + 1 : item["run_number"].WholeNumber(1), path);
        })];
    }

    private static List<Commit> ReadCommits(ScenarioNode doc, ScenarioClock clock)
    {
        doc.RequireObject("commits");
        return [.. doc["commits"].Items(required: true).Select(item =>
        {
            item.RequireObject("repository", "sha", "author", "author_name", "message", "date", "files");
            return new Commit(Repository(item["repository"]), Sha(item["sha"]), item["author"].Text(), item["author_name"].OptionalString() ?? item["author"].Text(),
                item["message"].Text(), item["date"].Time(clock), [.. item["files"].Items().Select(f => f.Text())]);
        })];
    }

    private static List<Release> ReadReleases(ScenarioNode doc, ScenarioClock clock)
    {
        doc.RequireObject("releases");
        return [.. doc["releases"].Items(required: true).Select(item =>
        {
            item.RequireObject("repository", "id", "tag_name", "sha", "author", "published_at", "body");
            return new Release(Repository(item["repository"]), item["id"].Id(), item["tag_name"].Text(), Sha(item["sha"]), item["author"].Text(),
                item["published_at"].Time(clock), item["body"].OptionalString() ?? string.Empty);
        })];
    }

    private static TimeSpan Duration(ScenarioNode node, TimeSpan fallback)
    {
        if (node.IsMissing)
            return fallback;
        var text = node.Text();
        return ScenarioClock.TryOffset(text.StartsWith('+') ? text : "+" + text, out var duration) && duration > TimeSpan.Zero
            ? duration
            : throw node.Error($"'{text}' is not a positive duration such as 15s or 1h");
    }

    private static string Sha(ScenarioNode node)
    {
        var sha = node.Text();
        return Regex.IsMatch(sha, "^[0-9a-f]{40}$") ? sha : throw node.Error($"'{sha}' is not a 40-hex-digit commit sha");
    }

    private static string Repository(ScenarioNode node)
    {
        var repository = node.Text();
        return Regex.IsMatch(repository, "^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$") ? repository : throw node.Error($"'{repository}' is not owner/name");
    }

    internal static Dictionary<string, string> Labels(ScenarioNode node, bool required = false)
    {
        if (node.IsMissing)
            return required ? throw node.Error("is required") : [];
        return node.Entries().ToDictionary(e => e.Key, e => e.Value.Text(), StringComparer.Ordinal);
    }

    private static string? Optional(string folder, string relative) => File.Exists(Path.Combine(folder, relative)) ? relative : null;

    private static IEnumerable<string> Files(string folder, string sub, params string[] extensions)
    {
        var dir = Path.Combine(folder, sub);
        if (!Directory.Exists(dir))
            return [];
        return Directory.EnumerateFiles(dir, "*", SearchOption.TopDirectoryOnly)
            .Where(f => extensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'));
    }
}
