using System.Globalization;
using System.Text.Json.Nodes;

namespace SreSuite.KubeFixture.Api;

/// <summary>
/// Server-side printing: the <c>meta.k8s.io/v1 Table</c> the API server returns when a client sends
/// <c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io</c>, with the columns of kubectl's printers.
/// </summary>
public static class Tables
{
    private const string NameDoc = "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
    private const string AgeDoc = "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    private sealed record Column(string Name, string Type, int Priority, string Description, Func<JsonObject, DateTimeOffset, JsonNode?> Cell);

    /// <summary>True when the Accept header asks for a Table.</summary>
    public static bool Requested(string? accept) =>
        accept is not null && accept.Contains("as=Table", StringComparison.Ordinal) && accept.Contains("g=meta.k8s.io", StringComparison.Ordinal);

    public static JsonObject Convert(ApiResource resource, IEnumerable<JsonObject> objects, DateTimeOffset now, string includeObject, string resourceVersion, string? continueToken, long? remaining)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var columns = ColumnsOf(resource);
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion };
        if (continueToken is not null)
            metadata["continue"] = continueToken;
        if (remaining is not null)
            metadata["remainingItemCount"] = remaining;

        var definitions = new JsonArray();
        foreach (var column in columns)
        {
            var definition = new JsonObject { ["name"] = column.Name, ["type"] = column.Type, ["format"] = column.Name == "Name" ? "name" : "", ["description"] = column.Description, ["priority"] = column.Priority };
            definitions.Add(definition);
        }

        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var cells = new JsonArray();
            foreach (var column in columns)
                cells.Add(column.Cell(obj, now));
            var row = new JsonObject { ["cells"] = cells };
            switch (includeObject)
            {
                case "None":
                    break;
                case "Object":
                    row["object"] = obj;
                    break;
                default:
                    row["object"] = new JsonObject
                    {
                        ["kind"] = "PartialObjectMetadata",
                        ["apiVersion"] = "meta.k8s.io/v1",
                        ["metadata"] = obj["metadata"]!.DeepClone(),
                    };
                    break;
            }

            rows.Add(row);
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = definitions,
            ["rows"] = rows,
        };
    }

    private static Column Name() => new("Name", "string", 0, NameDoc, (o, _) => JsonFields.Text(o, "metadata.name"));

    private static Column Age(string name = "Age") => new(name, "string", 0, AgeDoc, (o, now) => AgeOf(o, now));

    private static Column Text(string name, string description, Func<JsonObject, string?> cell, int priority = 0) =>
        new(name, "string", priority, description, (o, _) => cell(o) ?? "<none>");

    private static Column Number(string name, string description, Func<JsonObject, long> cell, int priority = 0) =>
        new(name, "integer", priority, description, (o, _) => cell(o));

    private static List<Column> ColumnsOf(ApiResource r)
    {
        var containers = Text("Containers", "Names of each container in the template.", o => string.Join(',', JsonFields.Items(o, "spec.template.spec.containers").Select(c => JsonFields.Text(c, "name"))), 1);
        var images = Text("Images", "Images referenced by each container in the template.", o => string.Join(',', JsonFields.Items(o, "spec.template.spec.containers").Select(c => JsonFields.Text(c, "image"))), 1);
        var selector = Text("Selector", "Label selector for pods.", o => SelectorText(JsonFields.At(o, "spec.selector.matchLabels") as JsonObject ?? JsonFields.At(o, "spec.selector") as JsonObject), 1);
        return r.Plural switch
        {
            "pods" =>
            [
                Name(),
                Text("Ready", "The aggregate readiness state of this pod for accepting traffic.", PodReady),
                Text("Status", "The aggregate status of the containers in this pod.", PodStatus),
                new Column("Restarts", "string", 0, "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.", PodRestarts),
                Age(),
                Text("IP", "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", o => JsonFields.Text(o, "status.podIP"), 1),
                Text("Node", "NodeName indicates in which node this pod is scheduled.", o => JsonFields.Text(o, "spec.nodeName"), 1),
                Text("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods on the node.", o => JsonFields.Text(o, "status.nominatedNodeName"), 1),
                Text("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness.", _ => null, 1),
            ],
            "deployments" =>
            [
                Name(),
                Text("Ready", "Number of the pod with ready state", o => $"{JsonFields.Number(o, "status.readyReplicas")}/{JsonFields.Number(o, "spec.replicas")}"),
                Number("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the desired template spec.", o => JsonFields.Number(o, "status.updatedReplicas")),
                Number("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.", o => JsonFields.Number(o, "status.availableReplicas")),
                Age(), containers, images, selector,
            ],
            "replicasets" =>
            [
                Name(),
                Number("Desired", "Replicas is the number of desired replicas.", o => JsonFields.Number(o, "spec.replicas")),
                Number("Current", "Replicas is the most recently observed number of replicas.", o => JsonFields.Number(o, "status.replicas")),
                Number("Ready", "The number of ready replicas for this replica set.", o => JsonFields.Number(o, "status.readyReplicas")),
                Age(), containers, images, selector,
            ],
            "statefulsets" =>
            [
                Name(),
                Text("Ready", "Number of the pod with ready state", o => $"{JsonFields.Number(o, "status.readyReplicas")}/{JsonFields.Number(o, "spec.replicas")}"),
                Age(), containers, images,
            ],
            "daemonsets" =>
            [
                Name(),
                Number("Desired", "The total number of nodes that should be running the daemon pod.", o => JsonFields.Number(o, "status.desiredNumberScheduled")),
                Number("Current", "The number of nodes that are running at least 1 daemon pod.", o => JsonFields.Number(o, "status.currentNumberScheduled")),
                Number("Ready", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.", o => JsonFields.Number(o, "status.numberReady")),
                Number("Up-to-date", "The total number of nodes that are running updated daemon pod", o => JsonFields.Number(o, "status.updatedNumberScheduled")),
                Number("Available", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.", o => JsonFields.Number(o, "status.numberAvailable")),
                Text("Node Selector", "NodeSelector is a selector which must be true for the pod to fit on a node.", o => SelectorText(JsonFields.At(o, "spec.template.spec.nodeSelector") as JsonObject)),
                Age(), containers, images, selector,
            ],
            "services" =>
            [
                Name(),
                Text("Type", "type determines how the Service is exposed.", o => JsonFields.Text(o, "spec.type")),
                Text("Cluster-IP", "clusterIP is the IP address of the service.", o => JsonFields.Text(o, "spec.clusterIP")),
                Text("External-IP", "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.", ExternalIp),
                Text("Port(s)", "The list of ports that are exposed by this service.", o => string.Join(',', JsonFields.Items(o, "spec.ports").Select(p => JsonFields.Number(p, "nodePort") is > 0 and var node ? $"{JsonFields.Number(p, "port")}:{node}/{JsonFields.Text(p, "protocol")}" : $"{JsonFields.Number(p, "port")}/{JsonFields.Text(p, "protocol")}"))),
                Age(),
                Text("Selector", "Route service traffic to pods with label keys and values matching this selector.", o => SelectorText(JsonFields.At(o, "spec.selector") as JsonObject), 1),
            ],
            "ingresses" =>
            [
                Name(),
                Text("Class", "The name of the IngressClass resource.", o => JsonFields.Text(o, "spec.ingressClassName")),
                Text("Hosts", "Hosts that incoming requests are matched against before the ingress rule", o => string.Join(',', JsonFields.Items(o, "spec.rules").Select(rule => JsonFields.Text(rule, "host") ?? "*"))),
                Text("Address", "Address is a list containing ingress points for the load-balancer", o => string.Join(',', JsonFields.Items(o, "status.loadBalancer.ingress").Select(i => JsonFields.Text(i, "hostname") ?? JsonFields.Text(i, "ip")))),
                Text("Ports", "Ports of TLS configurations that open", o => JsonFields.Items(o, "spec.tls").Any() ? "80, 443" : "80"),
                Age(),
            ],
            "jobs" =>
            [
                Name(),
                Text("Status", "Status of the job.", o => JsonFields.Items(o, "status.conditions").Any(c => JsonFields.Text(c, "type") == "Complete" && JsonFields.Text(c, "status") == "True") ? "Complete" : JsonFields.Items(o, "status.conditions").Any(c => JsonFields.Text(c, "type") == "Failed" && JsonFields.Text(c, "status") == "True") ? "Failed" : "Running"),
                Text("Completions", "The desired number of successfully finished pods the job should be run with.", o => $"{JsonFields.Number(o, "status.succeeded")}/{Math.Max(1, JsonFields.Number(o, "spec.completions"))}"),
                Text("Duration", "Time required to complete the job.", o => JsonFields.Time(o, "status.completionTime") is { } end && JsonFields.Time(o, "status.startTime") is { } start ? Durations.Human(end - start) : null),
                Age(), containers, images, selector,
            ],
            "cronjobs" =>
            [
                Name(),
                Text("Schedule", "The schedule in Cron format.", o => JsonFields.Text(o, "spec.schedule")),
                Text("Timezone", "The time zone name for the given schedule.", o => JsonFields.Text(o, "spec.timeZone")),
                new Column("Suspend", "boolean", 0, "This flag tells the controller to suspend subsequent executions.", (o, _) => JsonFields.Flag(o, "spec.suspend")),
                Number("Active", "A list of pointers to currently running jobs.", o => JsonFields.Items(o, "status.active").Count()),
                new Column("Last Schedule", "string", 0, "Information when was the last time the job was successfully scheduled.", (o, now) => JsonFields.Time(o, "status.lastScheduleTime") is { } last ? Durations.Human(now - last) : "<none>"),
                Age(), containers, images, selector,
            ],
            "nodes" =>
            [
                Name(),
                Text("Status", "The status of the node", NodeStatus),
                Text("Roles", "The roles of the node", o => (JsonFields.At(o, "metadata.labels") as JsonObject)?.Select(l => l.Key).Where(k => k.StartsWith("node-role.kubernetes.io/", StringComparison.Ordinal)).Select(k => k["node-role.kubernetes.io/".Length..]).DefaultIfEmpty("<none>").First()),
                Age(),
                Text("Version", "Kubelet Version reported by the node.", o => JsonFields.Text(o, "status.nodeInfo.kubeletVersion")),
                Text("Internal-IP", "List of addresses reachable to the node.", o => JsonFields.Items(o, "status.addresses").Where(a => JsonFields.Text(a, "type") == "InternalIP").Select(a => JsonFields.Text(a, "address")).FirstOrDefault(), 1),
                Text("External-IP", "List of addresses reachable to the node.", o => JsonFields.Items(o, "status.addresses").Where(a => JsonFields.Text(a, "type") == "ExternalIP").Select(a => JsonFields.Text(a, "address")).FirstOrDefault(), 1),
                Text("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", o => JsonFields.Text(o, "status.nodeInfo.osImage"), 1),
                Text("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", o => JsonFields.Text(o, "status.nodeInfo.kernelVersion"), 1),
                Text("Container-Runtime", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).", o => JsonFields.Text(o, "status.nodeInfo.containerRuntimeVersion"), 1),
            ],
            "namespaces" => [Name(), Text("Status", "The status of the namespace", o => JsonFields.Text(o, "status.phase")), Age()],
            "endpoints" => [Name(), Text("Endpoints", "Endpoints of the service", EndpointsText), Age()],
            "endpointslices" =>
            [
                Name(),
                Text("AddressType", "The address type of the slice", o => JsonFields.Text(o, "addressType")),
                Text("Ports", "The ports of the slice", o => string.Join(',', JsonFields.Items(o, "ports").Select(p => JsonFields.Number(p, "port")))),
                Text("Endpoints", "The addresses of the slice", o => string.Join(',', JsonFields.Items(o, "endpoints").SelectMany(e => (JsonFields.At(e, "addresses") as JsonArray ?? []).Select(a => a?.GetValue<string>())))),
                Age(),
            ],
            "configmaps" => [Name(), Number("Data", "Number of data in configmap", o => (JsonFields.At(o, "data") as JsonObject)?.Count ?? 0), Age()],
            "secrets" =>
            [
                Name(),
                Text("Type", "The type of the secret", o => JsonFields.Text(o, "type")),
                Number("Data", "The number of data in the secret", o => (JsonFields.At(o, "data") as JsonObject)?.Count ?? 0),
                Age(),
            ],
            "serviceaccounts" => [Name(), Number("Secrets", "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.", o => JsonFields.Items(o, "secrets").Count()), Age()],
            "persistentvolumeclaims" =>
            [
                Name(),
                Text("Status", "The phase of the claim.", o => JsonFields.Text(o, "status.phase")),
                Text("Volume", "The binding reference to the PersistentVolume backing this claim.", o => JsonFields.Text(o, "spec.volumeName")),
                Text("Capacity", "The actual resources of the underlying volume.", o => JsonFields.Text(o, "status.capacity.storage")),
                Text("Access Modes", "The access modes the volume has.", o => string.Join(',', (JsonFields.At(o, "status.accessModes") as JsonArray)?.Select(m => AccessMode((string?)m)) ?? [])),
                Text("StorageClass", "The name of the StorageClass required by the claim.", o => JsonFields.Text(o, "spec.storageClassName")),
                Text("VolumeAttributesClass", "The name of the VolumeAttributesClass used by the claim.", o => JsonFields.Text(o, "spec.volumeAttributesClassName")),
                Age(),
                Text("VolumeMode", "The volume mode of the claim.", o => JsonFields.Text(o, "spec.volumeMode"), 1),
            ],
            "horizontalpodautoscalers" =>
            [
                Name(),
                Text("Reference", "The target resource.", o => $"{JsonFields.Text(o, "spec.scaleTargetRef.kind")}/{JsonFields.Text(o, "spec.scaleTargetRef.name")}"),
                Text("Targets", "The current and target utilization.", HpaTargets),
                Text("MinPods", "The lower limit for the number of pods.", o => JsonFields.Number(o, "spec.minReplicas").ToString(CultureInfo.InvariantCulture)),
                Number("MaxPods", "The upper limit for the number of pods.", o => JsonFields.Number(o, "spec.maxReplicas")),
                Number("Replicas", "Current number of replicas of pods managed by this autoscaler.", o => JsonFields.Number(o, "status.currentReplicas")),
                Age(),
            ],
            "events" =>
            [
                new Column("Last Seen", "string", 0, "The time at which the most recent occurrence of this event was recorded.", (o, now) => (JsonFields.Time(o, "series.lastObservedTime") ?? JsonFields.Time(o, "lastTimestamp") ?? JsonFields.Time(o, "eventTime")) is { } last ? Durations.Human(now - last) : "<unknown>"),
                Text("Type", "Type of this event (Normal, Warning), new types could be added in the future.", o => JsonFields.Text(o, "type")),
                Text("Reason", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.", o => JsonFields.Text(o, "reason")),
                Text("Object", "The object that this event is about.", o => $"{JsonFields.Text(o, "involvedObject.kind")?.ToLowerInvariant()}/{JsonFields.Text(o, "involvedObject.name")}"),
                Text("Subobject", "The subobject that this event is about.", o => JsonFields.Text(o, "involvedObject.fieldPath") ?? "", 1),
                Text("Source", "The component reporting this event.", o => $"{JsonFields.Text(o, "source.component")}, {JsonFields.Text(o, "source.host")}".TrimEnd(' ', ','), 1),
                Text("Message", "A human-readable description of the status of this operation.", o => JsonFields.Text(o, "message")),
                Text("First Seen", "The time at which the event was first recorded.", o => JsonFields.Text(o, "firstTimestamp"), 1),
                Number("Count", "The number of times this event has occurred.", o => JsonFields.Number(o, "count"), 1),
                Name(),
            ],
            "controllerrevisions" =>
            [
                Name(),
                Text("Controller", "Controller of the object.", o => JsonFields.Items(o, "metadata.ownerReferences").Select(owner => $"{JsonFields.Text(owner, "kind")?.ToLowerInvariant()}.apps/{JsonFields.Text(owner, "name")}").FirstOrDefault()),
                Number("Revision", "Revision indicates the revision of the state represented by Data.", o => JsonFields.Number(o, "revision")),
                Age(),
            ],
            _ when r.IsCustom && r.PrinterColumns.Count > 0 =>
                [Name(), .. r.PrinterColumns.Select(c => c.Type == "date" ? Age(c.Name) : Text(c.Name, c.Name, o => CustomCell(o, c.JsonPath)))],
            _ when r.IsCustom => [Name(), Age()],
            _ => [Name(), new Column("Created At", "date", 0, AgeDoc, (o, _) => JsonFields.Text(o, "metadata.creationTimestamp"))],
        };
    }

    private static string AgeOf(JsonObject o, DateTimeOffset now) =>
        JsonFields.Time(o, "metadata.creationTimestamp") is { } created ? Durations.Human(now - created) : "<unknown>";

    private static string? SelectorText(JsonObject? labels) =>
        labels is null || labels.Count == 0 ? null : string.Join(',', labels.Select(l => $"{l.Key}={l.Value}"));

    private static string EndpointsText(JsonObject o)
    {
        var addresses = JsonFields.Items(o, "subsets").SelectMany(subset => JsonFields.Items(subset, "addresses")
            .SelectMany(a => JsonFields.Items(subset, "ports").Select(p => $"{JsonFields.Text(a, "ip")}:{JsonFields.Number(p, "port")}"))).ToList();
        return addresses.Count == 0 ? "<none>" : addresses.Count > 3 ? $"{string.Join(',', addresses.Take(3))} + {addresses.Count - 3} more..." : string.Join(',', addresses);
    }

    private static string AccessMode(string? mode) => mode switch
    {
        "ReadWriteOnce" => "RWO",
        "ReadOnlyMany" => "ROX",
        "ReadWriteMany" => "RWX",
        "ReadWriteOncePod" => "RWOP",
        _ => mode ?? "",
    };

    private static string? ExternalIp(JsonObject o)
    {
        if (JsonFields.Text(o, "spec.type") != "LoadBalancer")
            return "<none>";
        var ingress = JsonFields.Items(o, "status.loadBalancer.ingress").Select(i => JsonFields.Text(i, "hostname") ?? JsonFields.Text(i, "ip")).ToList();
        return ingress.Count == 0 ? "<pending>" : string.Join(',', ingress);
    }

    private static string HpaTargets(JsonObject o)
    {
        var current = JsonFields.Items(o, "status.currentMetrics").Select(m => JsonFields.Number(m, "resource.current.averageUtilization")).ToList();
        var targets = JsonFields.Items(o, "spec.metrics").Select((m, i) =>
            $"{JsonFields.Text(m, "resource.name")}: {(i < current.Count ? current[i].ToString(CultureInfo.InvariantCulture) + "%" : "<unknown>")}/{JsonFields.Number(m, "resource.target.averageUtilization")}%");
        return string.Join(", ", targets);
    }

    private static string CustomCell(JsonObject o, string jsonPath)
    {
        // The demo's CRDs use plain paths plus one condition filter: .status.conditions[?(@.type=="Ready")].status
        const string condition = ".status.conditions[?(@.type==\"";
        if (jsonPath.StartsWith(condition, StringComparison.Ordinal))
        {
            var type = jsonPath[condition.Length..jsonPath.IndexOf("\")]", StringComparison.Ordinal)];
            return JsonFields.Items(o, "status.conditions").Where(c => JsonFields.Text(c, "type") == type).Select(c => JsonFields.Text(c, "status")).FirstOrDefault() ?? "";
        }

        return JsonFields.Text(o, jsonPath.TrimStart('.')) ?? "";
    }

    private static string PodReady(JsonObject pod)
    {
        var statuses = JsonFields.Items(pod, "status.containerStatuses").ToList();
        var total = JsonFields.Items(pod, "spec.containers").Count();
        return $"{statuses.Count(s => JsonFields.Flag(s, "ready"))}/{total}";
    }

    private static JsonNode PodRestarts(JsonObject pod, DateTimeOffset now)
    {
        var statuses = JsonFields.Items(pod, "status.containerStatuses").ToList();
        var restarts = statuses.Sum(s => JsonFields.Number(s, "restartCount"));
        var last = statuses.Select(s => JsonFields.Time(s, "lastState.terminated.finishedAt")).Where(t => t is not null).Max();
        return last is { } when
            ? string.Create(CultureInfo.InvariantCulture, $"{restarts} ({Durations.Human(now - when)} ago)")
            : restarts.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The STATUS column: kubectl's printPod precedence (waiting/terminated reasons over the phase).</summary>
    public static string PodStatus(JsonObject pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var reason = JsonFields.Text(pod, "status.reason") ?? JsonFields.Text(pod, "status.phase") ?? "Unknown";
        var running = false;
        foreach (var status in JsonFields.Items(pod, "status.containerStatuses").Reverse())
        {
            if (JsonFields.Text(status, "state.waiting.reason") is { Length: > 0 } waiting)
                reason = waiting;
            else if (JsonFields.Text(status, "state.terminated.reason") is { Length: > 0 } terminated)
                reason = terminated;
            else if (JsonFields.At(status, "state.terminated") is not null)
                reason = $"ExitCode:{JsonFields.Number(status, "state.terminated.exitCode")}";
            else if (JsonFields.Flag(status, "ready") && JsonFields.At(status, "state.running") is not null)
                running = true;
        }

        if (reason == "Completed" && running)
            reason = "Running";
        if (JsonFields.At(pod, "metadata.deletionTimestamp") is not null)
            reason = "Terminating";
        return reason;
    }

    private static string NodeStatus(JsonObject node)
    {
        var ready = JsonFields.Items(node, "status.conditions").FirstOrDefault(c => JsonFields.Text(c, "type") == "Ready");
        var status = JsonFields.Text(ready, "status") == "True" ? "Ready" : "NotReady";
        return JsonFields.Flag(node, "spec.unschedulable") ? status + ",SchedulingDisabled" : status;
    }
}
