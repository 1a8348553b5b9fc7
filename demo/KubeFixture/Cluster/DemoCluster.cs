using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SreSuite.KubeFixture.Api;

namespace SreSuite.KubeFixture.Cluster;

/// <summary>
/// Generates the demo cluster into an <see cref="ObjectStore"/>: ten nodes (one NotReady), about three hundred
/// pods across namespaces, and the trouble of <see cref="DemoStory"/>. Deterministic for a given "now".
/// </summary>
public sealed class DemoCluster
{
    private const int NodeCount = 10;

    private readonly ObjectStore _store;
    private readonly DateTimeOffset _now;
    private readonly Names _names = new(20240917);
    private readonly List<string> _readyNodes = [];
    private readonly Dictionary<string, int> _podsPerNode = [];
    private int _nextNode;
    private int _nextServiceIp = 10;

    private DemoCluster(ObjectStore store, DateTimeOffset now)
    {
        _store = store;
        _now = now;
    }

    /// <summary>When the kubelet of <see cref="DemoStory.NotReadyNode"/> stopped posting status.</summary>
    public static readonly TimeSpan NodeLostAgo = TimeSpan.FromMinutes(25);

    public static void Populate(ObjectStore store, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        var cluster = new DemoCluster(store, now);
        cluster.AddNodes();
        cluster.AddNamespaces();
        cluster.AddWorkloads();
        cluster.AddCustomResources();
        cluster.AddEvents();
        ServiceEndpoints.Populate(store);
        var busy = store.List(ApiResources.Pods, DemoStory.BusyNamespace).Count;
        if (busy != DemoStory.BusyNamespacePods)
            throw new InvalidOperationException($"namespace {DemoStory.BusyNamespace} has {busy} pods; the story needs {DemoStory.BusyNamespacePods}");
    }

    private DateTimeOffset Ago(TimeSpan span) => _now - span;

    private DateTimeOffset DaysAgo(double days) => _now - TimeSpan.FromDays(days);

    private static string NodeName(int index) => $"node-{index:00}";

    private static string NodeIp(int index) => $"10.0.{(index - 1) % 3 + 1}.{20 + index}";

    // ---- nodes and namespaces ----

    private void AddNodes()
    {
        for (var i = 1; i <= NodeCount; i++)
        {
            var name = NodeName(i);
            var ready = name != DemoStory.NotReadyNode;
            if (ready)
                _readyNodes.Add(name);
            _store.Put(ApiResources.Nodes, Node(i, name, ready, i == 10 ? DaysAgo(12) : DaysAgo(62)));
        }
    }

    private JsonObject Node(int index, string name, bool ready, DateTimeOffset created)
    {
        var zone = $"eu-west-1{(char)('a' + (index - 1) % 3)}";
        var heartbeat = ready ? Ago(TimeSpan.FromSeconds(17)) : Ago(NodeLostAgo);
        var lost = Ago(NodeLostAgo).AddSeconds(40);
        JsonObject Pressure(string type, string reason, string message) => ready
            ? NodeCondition(type, "False", heartbeat, created.AddMinutes(1), reason, message)
            : NodeCondition(type, "Unknown", heartbeat, lost, "NodeStatusUnknown", "Kubelet stopped posting node status.");
        var conditions = new JsonArray
        {
            Pressure("MemoryPressure", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
            Pressure("DiskPressure", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
            Pressure("PIDPressure", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
            ready
                ? NodeCondition("Ready", "True", heartbeat, created.AddMinutes(1), "KubeletReady", "kubelet is posting ready status")
                : NodeCondition("Ready", "Unknown", heartbeat, lost, "NodeStatusUnknown", "Kubelet stopped posting node status."),
        };
        var labels = new JsonObject
        {
            ["beta.kubernetes.io/arch"] = "amd64",
            ["beta.kubernetes.io/instance-type"] = "m6i.xlarge",
            ["beta.kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = "amd64",
            ["kubernetes.io/hostname"] = name,
            ["kubernetes.io/os"] = "linux",
            ["node.kubernetes.io/instance-type"] = "m6i.xlarge",
            ["topology.kubernetes.io/region"] = "eu-west-1",
            ["topology.kubernetes.io/zone"] = zone,
            ["node-pool"] = "general",
        };
        var spec = new JsonObject { ["podCIDR"] = $"10.244.{index}.0/24", ["podCIDRs"] = new JsonArray { $"10.244.{index}.0/24" }, ["providerID"] = $"aws:///{zone}/i-0{Names.Digest(name)[..16]}" };
        if (!ready)
        {
            spec["taints"] = new JsonArray
            {
                new JsonObject { ["key"] = "node.kubernetes.io/unreachable", ["effect"] = "NoSchedule", ["timeAdded"] = JsonFields.Rfc3339(lost) },
                new JsonObject { ["key"] = "node.kubernetes.io/unreachable", ["effect"] = "NoExecute", ["timeAdded"] = JsonFields.Rfc3339(lost.AddSeconds(5)) },
            };
        }

        var capacity = new JsonObject { ["cpu"] = "4", ["ephemeral-storage"] = "83873772Ki", ["hugepages-1Gi"] = "0", ["hugepages-2Mi"] = "0", ["memory"] = "16077856Ki", ["pods"] = "110" };
        var allocatable = new JsonObject { ["cpu"] = "3920m", ["ephemeral-storage"] = "76224326324", ["hugepages-1Gi"] = "0", ["hugepages-2Mi"] = "0", ["memory"] = "15060000Ki", ["pods"] = "110" };
        var images = new JsonArray();
        foreach (var image in new[] { "registry.k8s.io/kube-proxy:v1.31.4", "docker.io/calico/node:v3.28.2", "quay.io/prometheus/node-exporter:v1.8.2", "cr.fluentbit.io/fluent/fluent-bit:3.1.9", "docker.io/envoyproxy/envoy:v1.31.5" })
        {
            images.Add(new JsonObject
            {
                ["names"] = new JsonArray { $"{image.Split(':')[0]}@sha256:{Names.Digest(image)}", image },
                ["sizeBytes"] = 20_000_000 + Names.Stable(image) % 80_000_000,
            });
        }

        var status = new JsonObject
        {
            ["capacity"] = capacity,
            ["allocatable"] = allocatable,
            ["conditions"] = conditions,
            ["addresses"] = new JsonArray
            {
                new JsonObject { ["type"] = "InternalIP", ["address"] = NodeIp(index) },
                new JsonObject { ["type"] = "InternalDNS", ["address"] = $"ip-{NodeIp(index).Replace('.', '-')}.eu-west-1.compute.internal" },
                new JsonObject { ["type"] = "Hostname", ["address"] = name },
            },
            ["daemonEndpoints"] = new JsonObject { ["kubeletEndpoint"] = new JsonObject { ["Port"] = 10250 } },
            ["nodeInfo"] = new JsonObject
            {
                ["machineID"] = Names.Digest("machine/" + name)[..32],
                ["systemUUID"] = Names.Uid("system/" + name),
                ["bootID"] = Names.Uid("boot/" + name),
                ["kernelVersion"] = "6.1.112-124.190.amzn2023.x86_64",
                ["osImage"] = "Amazon Linux 2023.6.20241031",
                ["containerRuntimeVersion"] = "containerd://1.7.23",
                ["kubeletVersion"] = "v1.31.4",
                ["kubeProxyVersion"] = "v1.31.4",
                ["operatingSystem"] = "linux",
                ["architecture"] = "amd64",
            },
            ["images"] = images,
        };
        var metadata = new JsonObject
        {
            ["name"] = name,
            ["uid"] = Names.Uid("node/" + name),
            ["creationTimestamp"] = JsonFields.Rfc3339(created),
            ["labels"] = labels,
            ["annotations"] = new JsonObject
            {
                ["alpha.kubernetes.io/provided-node-ip"] = NodeIp(index),
                ["node.alpha.kubernetes.io/ttl"] = "0",
                ["volumes.kubernetes.io/controller-managed-attach-detach"] = "true",
            },
        };
        metadata["managedFields"] = new JsonArray
        {
            ManagedFields.Entry("kubelet", "v1", created, new JsonObject { ["f:metadata"] = ManagedFields.Of(metadata, "annotations", "labels"), ["f:spec"] = ManagedFields.Of(spec, "providerID") }),
            ManagedFields.Entry("kube-controller-manager", "v1", ready ? created.AddMinutes(1) : lost, new JsonObject { ["f:spec"] = ManagedFields.Of(spec, "podCIDR", "podCIDRs", "taints") }),
            ManagedFields.Entry("kubelet", "v1", heartbeat, new JsonObject { ["f:status"] = ManagedFields.Of(status) }, "status"),
        };
        return new JsonObject { ["kind"] = "Node", ["apiVersion"] = "v1", ["metadata"] = metadata, ["spec"] = spec, ["status"] = status };
    }

    private static JsonObject NodeCondition(string type, string status, DateTimeOffset heartbeat, DateTimeOffset transition, string reason, string message) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["lastHeartbeatTime"] = JsonFields.Rfc3339(heartbeat),
        ["lastTransitionTime"] = JsonFields.Rfc3339(transition),
        ["reason"] = reason,
        ["message"] = message,
    };

    private static readonly string[] NamespaceNames =
    [
        "default", "kube-system", "kube-public", "kube-node-lease", "monitoring", "logging", "ingress-nginx", "cert-manager",
        "payments", "checkout", "catalog", "identity", "notifications", "analytics", "data", "shipping", "web", "inventory",
        "marketing", "support",
    ];

    private void AddNamespaces()
    {
        foreach (var name in NamespaceNames)
        {
            var created = DaysAgo(180 - Array.IndexOf(NamespaceNames, name));
            var labels = new JsonObject { ["kubernetes.io/metadata.name"] = name };
            var metadata = new JsonObject { ["name"] = name, ["uid"] = Names.Uid("ns/" + name), ["creationTimestamp"] = JsonFields.Rfc3339(created), ["labels"] = labels };
            metadata["managedFields"] = new JsonArray { ManagedFields.Entry("kubectl-create", "v1", created, new JsonObject { ["f:metadata"] = ManagedFields.Of(metadata, "labels") }) };
            _store.Put(ApiResources.Namespaces, new JsonObject
            {
                ["kind"] = "Namespace",
                ["apiVersion"] = "v1",
                ["metadata"] = metadata,
                ["spec"] = new JsonObject { ["finalizers"] = new JsonArray { "kubernetes" } },
                ["status"] = new JsonObject { ["phase"] = "Active" },
            });
            _store.Put(ApiResources.ConfigMaps, ConfigMap(name, "kube-root-ca.crt", created, new JsonObject { ["ca.crt"] = FakeCertificate("kubernetes") }, applied: false));
            _store.Put(ApiResources.ServiceAccounts, ServiceAccount(name, "default", created));
        }
    }

    // ---- workloads ----

    private void AddWorkloads()
    {
        AddPlatform();
        AddPayments();
        AddPlain("checkout", ("checkout-web", 12), ("checkout-api", 6), ("cart-service", 4), ("promotions", 3), ("tax-calculator", 3));
        AddCatalog();
        AddPlain("identity", ("auth-service", 6), ("user-profile", 3));
        AddStatefulSet(new Workload("identity", "session-store", "StatefulSet", 3, "7.4.1", 90) { Registry = "docker.io/library", ImageName = "redis", Port = 6379, Memory = "512Mi", MemoryLimit = "1Gi" });
        AddPlain("notifications", ("email-sender", 3), ("sms-sender", 2), ("push-gateway", 3));
        AddAnalytics();
        AddData();
        AddPlain("shipping", ("shipping-api", 4), ("label-printer", 2), ("tracking-poller", 3));
        AddPlain("web", ("storefront", 16), ("cdn-purger", 1));
        // inventory-service is the name every source uses (Prometheus' service label, PagerDuty, the catalog); its
        // 1 GiB limit is what the demo's slow leak climbs toward.
        AddDeployment(Plain("inventory", "inventory-service", 6) with { Memory = "512Mi", MemoryLimit = "1Gi" });
        AddPlain("inventory", ("stock-sync", 4), ("warehouse-adapter", 4));
        AddPlain("marketing", ("campaign-api", 4), ("email-templates", 2), ("ab-testing", 3));
        AddPlain("support", ("helpdesk-api", 4), ("chat-gateway", 4));
        AddIngresses();
        AddAutoscalers();
    }

    private void AddPlatform()
    {
        var system = (string ns, string name, int replicas, string version, string registry) =>
            new Workload(ns, name, "Deployment", replicas, version, 180) { Registry = registry, History = 1 };
        AddDeployment(system("kube-system", "coredns", 2, "v1.11.3", "registry.k8s.io/coredns") with { Port = 53 });
        AddDeployment(system("kube-system", "metrics-server", 1, "v0.7.2", "registry.k8s.io/metrics-server") with { Port = 10250 });
        AddDeployment(system("kube-system", "ebs-csi-controller", 2, "v1.36.0", "public.ecr.aws/ebs-csi-driver") with { ImageName = "aws-ebs-csi-driver" });
        AddDaemonSet(new Workload("kube-system", "kube-proxy", "DaemonSet", NodeCount, "v1.31.4", 180) { Registry = "registry.k8s.io", Port = 10256 });
        AddDaemonSet(new Workload("kube-system", "calico-node", "DaemonSet", NodeCount, "v3.28.2", 180) { Registry = "docker.io/calico", ImageName = "node", Port = 9091 });
        AddStatefulSet(new Workload("monitoring", "prometheus", "StatefulSet", 2, "v2.54.1", 120) { Registry = "quay.io/prometheus", Port = 9090, Memory = "2Gi", MemoryLimit = "4Gi" });
        AddStatefulSet(new Workload("monitoring", "alertmanager", "StatefulSet", 2, "v0.27.0", 120) { Registry = "quay.io/prometheus", Port = 9093 });
        AddDeployment(system("monitoring", "grafana", 1, "11.2.2", "docker.io/grafana") with { Port = 3000, SecretEnv = [("GF_SECURITY_ADMIN_PASSWORD", "grafana-admin", "admin-password")] });
        AddDeployment(system("monitoring", "kube-state-metrics", 1, "v2.13.0", "registry.k8s.io/kube-state-metrics"));
        AddDaemonSet(new Workload("monitoring", "node-exporter", "DaemonSet", NodeCount, "v1.8.2", 120) { Registry = "quay.io/prometheus", Port = 9100 });
        AddStatefulSet(new Workload("logging", "loki", "StatefulSet", 3, "3.2.0", 100) { Registry = "docker.io/grafana", Port = 3100, Memory = "1Gi", MemoryLimit = "2Gi" });
        AddDaemonSet(new Workload("logging", "fluent-bit", "DaemonSet", NodeCount, "3.1.9", 100) { Registry = "cr.fluentbit.io/fluent", Port = 2020 });
        AddDeployment(system("ingress-nginx", "ingress-nginx-controller", 3, "v1.11.3", "registry.k8s.io/ingress-nginx") with { Port = 80, ImageName = "controller" });
        AddDeployment(system("cert-manager", "cert-manager", 1, "v1.16.1", "quay.io/jetstack") with { ImageName = "cert-manager-controller" });
        AddDeployment(system("cert-manager", "cert-manager-webhook", 1, "v1.16.1", "quay.io/jetstack"));
        AddDeployment(system("cert-manager", "cert-manager-cainjector", 1, "v1.16.1", "quay.io/jetstack"));
        _store.Put(ApiResources.Secrets, Secret("monitoring", "grafana-admin", DaysAgo(120), "Opaque", new() { ["admin-user"] = "admin", ["admin-password"] = DemoStory.PlantedSecret }));
        _store.Put(ApiResources.Secrets, Secret("kube-system", "bootstrap-token-k3x9qz", DaysAgo(62), "bootstrap.kubernetes.io/token", new() { ["token-id"] = "k3x9qz", ["token-secret"] = "7d2f0c4b9a1e8f36", ["usage-bootstrap-authentication"] = "true" }));
    }

    private void AddPayments()
    {
        var deploy = Ago(DemoStory.DeployAgo);
        var previous = Ago(DemoStory.PreviousDeployAgo);
        var api = new Workload("payments", DemoStory.Deployment, "Deployment", 4, DemoStory.DeployVersion, 400)
        {
            Mesh = true,
            HasConfigMap = true,
            Cpu = "250m",
            Memory = "256Mi",
            MemoryLimit = "512Mi",
            SecretEnv = [("DB_PASSWORD", "payments-db-credentials", "password"), ("PROCESSOR_API_KEY", "processor-api-key", "api-key")],
            Env = [("LEDGER_URL", "http://ledger-service.payments.svc:8080")],
        };
        AddPaymentsApi(api, deploy, previous);

        var plain = (string name, int replicas) => new Workload("payments", name, "Deployment", replicas, "v1." + (Names.Stable(name) % 20) + ".0", 200 + Names.Stable(name) % 100)
        {
            SecretEnv = name is "payments-worker" or "ledger-service" or "refunds-api" ? [("DB_PASSWORD", "payments-db-credentials", "password")] : [],
        };
        foreach (var (name, replicas) in new[] { ("payment-gateway", 6), ("payments-worker", 6), ("webhooks-dispatcher", 6), ("ledger-service", 4), ("fraud-scorer", 4), ("invoice-renderer", 4), ("chargeback-service", 4), ("refunds-api", 3), ("card-vault-proxy", 3), ("payouts-scheduler", 2), ("payments-admin", 2) })
            AddDeployment(plain(name, replicas));
        AddDeployment(plain("currency-rates", 2) with { Env = [("RATES_API_KEY", DemoStory.PlantedLiteralCredential)] });
        AddStatefulSet(new Workload("payments", "ledger-db", "StatefulSet", 3, "16.4", 400) { Registry = "docker.io/library", ImageName = "postgres", Port = 5432, Memory = "2Gi", MemoryLimit = "4Gi", SecretEnv = [("POSTGRES_PASSWORD", "payments-db-credentials", "password")] });
        AddStatefulSet(new Workload("payments", "payments-redis", "StatefulSet", 3, "7.4.1", 400) { Registry = "docker.io/library", ImageName = "redis", Port = 6379 });
        AddCronJob(new Workload("payments", "reconciliation", "Job", 1, "v1.4.0", 300) { SecretEnv = [("DB_PASSWORD", "payments-db-credentials", "password")] });

        var created = DaysAgo(400);
        _store.Put(ApiResources.Secrets, Secret("payments", "payments-db-credentials", created, "Opaque", new() { ["username"] = "payments", ["password"] = DemoStory.PlantedSecret }));
        _store.Put(ApiResources.Secrets, Secret("payments", "processor-api-key", created, "Opaque", new() { ["api-key"] = "pk_live_" + DemoStory.PlantedSecret }));
        _store.Put(ApiResources.Secrets, Secret("payments", "payments-api-tls", DaysAgo(20), "kubernetes.io/tls", new() { ["tls.crt"] = FakeCertificate("api.example.com"), ["tls.key"] = "-----BEGIN PRIVATE KEY-----\n" + DemoStory.PlantedSecret + "\n-----END PRIVATE KEY-----\n" }));
        _store.Put(ApiResources.Secrets, Secret("payments", "regcred", created, "kubernetes.io/dockerconfigjson", new() { [".dockerconfigjson"] = "{\"auths\":{\"registry.example.com\":{\"auth\":\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes("ci:" + DemoStory.PlantedSecret)) + "\"}}}" }));
    }

    private void AddPaymentsApi(Workload api, DateTimeOffset deploy, DateTimeOffset previous)
    {
        _store.Put(ApiResources.ConfigMaps, ConfigMap("payments", "payments-api-config", DaysAgo(400), new JsonObject
        {
            ["ASPNETCORE_URLS"] = "http://+:8080",
            ["PROCESSOR_URL"] = "https://processor.example.net/v3",
            ["PROCESSOR_TIMEOUT_SECONDS"] = "15",
            ["Logging__LogLevel__Default"] = "Information",
            ["FeatureFlags__InstantPayouts"] = "true",
        }));
        var history = new (int Revision, string Version, string Sha, DateTimeOffset Created)[]
        {
            (5, "v2.12.1", "c81f2a0d9e8b7c6a5f4e3d2c1b0a9f8e7d6c5b4a", DaysAgo(20)),
            (6, DemoStory.PreviousVersion, DemoStory.PreviousSha, previous),
            (7, DemoStory.DeployVersion, DemoStory.DeploySha, deploy),
        };
        var hashes = history.Select(_ => _names.TemplateHash()).ToArray();
        var newRs = $"{api.Name}-{hashes[2]}";
        var changeCause = (string version, string sha) => version == DemoStory.DeployVersion
            ? $"deploy {version} ({sha[..7]}) by {DemoStory.DeployAuthor}: PR #482 Read processor URL from new config section"
            : $"deploy {version} ({sha[..7]})";
        var conditions = new JsonArray
        {
            Controllers.Condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", previous.AddMinutes(2), previous.AddMinutes(2)),
            Controllers.Condition("Progressing", "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{newRs}\" has timed out progressing.", deploy.AddMinutes(10), deploy.AddMinutes(10)),
        };
        var template = Templates.PodTemplate(api, DemoStory.DeployVersion);
        _store.Put(ApiResources.Deployments, Controllers.Deployment(api, template, 7, changeCause(DemoStory.DeployVersion, DemoStory.DeploySha), DaysAgo(400), deploy,
            Controllers.DeploymentStatus(9, replicas: 5, updated: 2, ready: 3, available: 3, conditions)));

        for (var i = 0; i < history.Length; i++)
        {
            var (revision, version, sha, created) = history[i];
            var podTemplate = Templates.PodTemplate(api, version);
            var (desired, ready) = revision switch { 7 => (2, 0), 6 => (3, 3), _ => (0, 0) };
            var rsName = $"{api.Name}-{hashes[i]}";
            _store.Put(ApiResources.ReplicaSets, Controllers.ReplicaSet(api, rsName, hashes[i], podTemplate, revision, changeCause(version, sha), created, desired, desired, ready, ready));
            for (var p = 0; p < desired; p++)
            {
                var crashing = revision == 7;
                var podCreated = crashing ? created.AddSeconds(2 + p * 95) : created.AddSeconds(5 + p * 40);
                var restarts = crashing ? 36 - p : 0;
                AddPod(ReplicaSetPod(api, podTemplate, rsName, hashes[i], podCreated, crashing ? PodCondition.CrashLoop : PodCondition.Healthy) with
                {
                    Restarts = restarts,
                    LastTermination = crashing ? Ago(TimeSpan.FromSeconds(95 + p * 130)) : null,
                    LastReason = "Error",
                    LastExitCode = 1,
                });
            }
        }

        _store.Put(ApiResources.Services, Service(api, DaysAgo(400)));
        _store.Put(ApiResources.ServiceAccounts, ServiceAccount("payments", api.Name, DaysAgo(400)));
    }

    private void AddCatalog()
    {
        AddPlain("catalog", ("catalog-api", 4), ("search-api", 6), ("image-resizer", 3), ("recommendations", 6));
        var indexer = new Workload(DemoStory.ImagePullNamespace, DemoStory.ImagePullDeployment, "Deployment", 1, "3.7.4", 150) { Memory = "1Gi", MemoryLimit = "2Gi" };
        var started = Ago(TimeSpan.FromMinutes(48));
        var oldHash = _names.TemplateHash();
        var newHash = _names.TemplateHash();
        var oldTemplate = Templates.PodTemplate(indexer, "3.7.4");
        var newTemplate = Templates.PodTemplate(indexer, "3.8.0-rc1", DemoStory.BadImage);
        var newRs = $"{indexer.Name}-{newHash}";
        var conditions = new JsonArray
        {
            Controllers.Condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", DaysAgo(9), DaysAgo(9)),
            Controllers.Condition("Progressing", "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{newRs}\" has timed out progressing.", started.AddMinutes(10), started.AddMinutes(10)),
        };
        _store.Put(ApiResources.Deployments, Controllers.Deployment(indexer with { Version = "3.8.0-rc1" }, newTemplate, 4, "deploy 3.8.0-rc1", DaysAgo(150), started,
            Controllers.DeploymentStatus(4, replicas: 2, updated: 1, ready: 1, available: 1, conditions)));
        _store.Put(ApiResources.ReplicaSets, Controllers.ReplicaSet(indexer, $"{indexer.Name}-{oldHash}", oldHash, oldTemplate, 3, "deploy 3.7.4", DaysAgo(9), 1, 1, 1, 1));
        _store.Put(ApiResources.ReplicaSets, Controllers.ReplicaSet(indexer, newRs, newHash, newTemplate, 4, "deploy 3.8.0-rc1", started, 1, 1, 0, 0));
        AddPod(ReplicaSetPod(indexer, oldTemplate, $"{indexer.Name}-{oldHash}", oldHash, DaysAgo(9), PodCondition.Healthy));
        AddPod(ReplicaSetPod(indexer, newTemplate, newRs, newHash, started.AddSeconds(3), PodCondition.ImagePullBackOff));
        _store.Put(ApiResources.Services, Service(indexer, DaysAgo(150)));
    }

    private void AddAnalytics()
    {
        var worker = new Workload(DemoStory.OomNamespace, DemoStory.OomDeployment, "Deployment", 3, "v4.2.0", 220) { Memory = "384Mi", MemoryLimit = "512Mi", Cpu = "500m" };
        var rolled = DaysAgo(6);
        var hash = _names.TemplateHash();
        var rsName = $"{worker.Name}-{hash}";
        var template = Templates.PodTemplate(worker, worker.Version);
        var conditions = new JsonArray
        {
            Controllers.Condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", Ago(TimeSpan.FromHours(2)), Ago(TimeSpan.FromHours(2))),
            Controllers.Condition("Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{rsName}\" has successfully progressed.", rolled.AddMinutes(2), rolled),
        };
        _store.Put(ApiResources.Deployments, Controllers.Deployment(worker, template, 3, "deploy v4.2.0", DaysAgo(220), rolled,
            Controllers.DeploymentStatus(3, replicas: 3, updated: 3, ready: 2, available: 2, conditions)));
        _store.Put(ApiResources.ReplicaSets, Controllers.ReplicaSet(worker, rsName, hash, template, 3, "deploy v4.2.0", rolled, 3, 3, 2, 2));
        AddPod(ReplicaSetPod(worker, template, rsName, hash, rolled.AddSeconds(4), PodCondition.OomCrashLoop) with
        {
            Restarts = 6,
            LastTermination = Ago(TimeSpan.FromMinutes(2)),
            LastReason = "OOMKilled",
            LastExitCode = 137,
        });
        AddPod(ReplicaSetPod(worker, template, rsName, hash, rolled.AddSeconds(9), PodCondition.OomRunning) with
        {
            Restarts = 3,
            LastTermination = Ago(TimeSpan.FromMinutes(14)),
            LastReason = "OOMKilled",
            LastExitCode = 137,
        });
        AddPod(ReplicaSetPod(worker, template, rsName, hash, rolled.AddSeconds(15), PodCondition.Healthy));
        _store.Put(ApiResources.Services, Service(worker, DaysAgo(220)));
        AddPlain("analytics", ("event-collector", 8));
        AddStatefulSet(new Workload("analytics", "clickhouse", "StatefulSet", 3, "24.8", 220) { Registry = "docker.io/clickhouse", ImageName = "clickhouse-server", Port = 8123, Memory = "4Gi", MemoryLimit = "8Gi" });
    }

    private void AddData()
    {
        var builder = new Workload(DemoStory.PendingNamespace, DemoStory.PendingDeployment, "Deployment", 1, "v0.9.0", 40) { Memory = "24Gi", MemoryLimit = "24Gi", Cpu = "2" };
        var created = Ago(TimeSpan.FromMinutes(40));
        var hash = _names.TemplateHash();
        var rsName = $"{builder.Name}-{hash}";
        var template = Templates.PodTemplate(builder, builder.Version);
        var conditions = new JsonArray
        {
            Controllers.Condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", created, created),
            Controllers.Condition("Progressing", "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{rsName}\" has timed out progressing.", created.AddMinutes(10), created.AddMinutes(10)),
        };
        _store.Put(ApiResources.Deployments, Controllers.Deployment(builder, template, 1, "deploy v0.9.0", created, created,
            Controllers.DeploymentStatus(1, replicas: 1, updated: 1, ready: 0, available: 0, conditions)));
        _store.Put(ApiResources.ReplicaSets, Controllers.ReplicaSet(builder, rsName, hash, template, 1, "deploy v0.9.0", created, 1, 1, 0, 0));
        AddPod(ReplicaSetPod(builder, template, rsName, hash, created.AddSeconds(1), PodCondition.Unschedulable) with { SchedulingMessage = UnschedulableMessage });
        _store.Put(ApiResources.Services, Service(builder, created));

        AddStatefulSet(new Workload("data", "kafka", "StatefulSet", 3, "3.8.0", 160) { Registry = "docker.io/apache", Port = 9092, Memory = "2Gi", MemoryLimit = "4Gi" });
        AddStatefulSet(new Workload("data", "zookeeper", "StatefulSet", 3, "3.9.2", 160) { Registry = "docker.io/library", Port = 2181 });
        AddPlain("data", ("airflow-scheduler", 1), ("airflow-webserver", 2), ("airflow-worker", 8));
    }

    /// <summary>The scheduler's message for a pod no node can take, in the form kube-scheduler writes it.</summary>
    public const string UnschedulableMessage =
        "0/10 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 9 Insufficient memory. preemption: 0/10 nodes are available: 1 Preemption is not helpful for scheduling, 9 No preemption victims found for incoming pod.";

    private void AddPlain(string ns, params (string Name, int Replicas)[] apps)
    {
        foreach (var (name, replicas) in apps)
            AddDeployment(Plain(ns, name, replicas));
    }

    private static Workload Plain(string ns, string name, int replicas)
    {
        var version = $"v{1 + Names.Stable(name) % 4}.{Names.Stable(name + "m") % 30}.{Names.Stable(name + "p") % 10}";
        return new Workload(ns, name, "Deployment", replicas, version, 60 + Names.Stable(name) % 300) { Mesh = ns is "checkout" };
    }

    private void AddDeployment(Workload w)
    {
        var created = DaysAgo(w.AgeDays);
        var rolled = DaysAgo(1 + Names.Stable(w.Name + "rolled") % Math.Max(2, Math.Min(w.AgeDays, 40)));
        var hashes = Enumerable.Range(0, w.History + 1).Select(_ => _names.TemplateHash()).ToArray();
        var revision = 1 + w.History + Names.Stable(w.Name) % 5;
        var current = $"{w.Name}-{hashes[^1]}";
        var template = Templates.PodTemplate(w, w.Version);
        var conditions = new JsonArray
        {
            Controllers.Condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", rolled.AddMinutes(1), rolled.AddMinutes(1)),
            Controllers.Condition("Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{current}\" has successfully progressed.", rolled.AddMinutes(2), created),
        };
        _store.Put(ApiResources.Deployments, Controllers.Deployment(w, template, revision, $"deploy {w.Version}", created, rolled,
            Controllers.DeploymentStatus(revision, w.Replicas, w.Replicas, w.Replicas, w.Replicas, conditions)));
        for (var i = 0; i < hashes.Length; i++)
        {
            var isCurrent = i == hashes.Length - 1;
            var version = isCurrent ? w.Version : $"{w.Version}-prev{hashes.Length - 1 - i}";
            var rsCreated = isCurrent ? rolled : created + (rolled - created) * (i + 1) / hashes.Length;
            var rsTemplate = isCurrent ? template : Templates.PodTemplate(w, version);
            var replicas = isCurrent ? w.Replicas : 0;
            var rsName = $"{w.Name}-{hashes[i]}";
            _store.Put(ApiResources.ReplicaSets, Controllers.ReplicaSet(w, rsName, hashes[i], rsTemplate, revision - (hashes.Length - 1 - i), $"deploy {version}", rsCreated, replicas, replicas, replicas, replicas));
            for (var p = 0; p < replicas; p++)
                AddPod(WithOldRestart(ReplicaSetPod(w, rsTemplate, rsName, hashes[i], rsCreated.AddSeconds(3 + p * 20), PodCondition.Healthy)));
        }

        _store.Put(ApiResources.Services, Service(w, created));
        _store.Put(ApiResources.ServiceAccounts, ServiceAccount(w.Namespace, w.Name, created));
        if (w.Namespace is not ("kube-system" or "cert-manager"))
        {
            _store.Put(ApiResources.ConfigMaps, ConfigMap(w.Namespace, $"{w.Name}-config", created, new JsonObject
            {
                ["LOG_LEVEL"] = "info",
                ["HTTP_PORT"] = w.Port.ToString(CultureInfo.InvariantCulture),
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://otel-collector.monitoring.svc:4317",
            }));
        }
    }

    private PodPlan WithOldRestart(PodPlan plan)
    {
        if ((_now - plan.Created).TotalDays < 2 || _names.Next(0, 9) != 0)
            return plan;
        var restarts = _names.Next(1, 3);
        var ago = TimeSpan.FromHours(_names.Next(20, (int)Math.Min((_now - plan.Created).TotalHours, 600)));
        return plan with { Restarts = restarts, LastTermination = _now - ago, LastReason = "Error", LastExitCode = 143 };
    }

    private PodPlan ReplicaSetPod(Workload w, JsonObject template, string rsName, string hash, DateTimeOffset created, PodCondition condition)
    {
        var name = $"{rsName}-{_names.Suffix()}";
        var owner = Controllers.OwnerReference("apps/v1", "ReplicaSet", rsName, Controllers.Uid("ReplicaSet", w.Namespace, rsName));
        return Place(new PodPlan(w, template, name, owner, rsName + "-", created, condition) { ExtraLabels = new JsonObject { ["pod-template-hash"] = hash } });
    }

    /// <summary>Assigns a node and IPs; workload pods avoid the lost node (the taint evicted them), daemon pods keep theirs.</summary>
    private PodPlan Place(PodPlan plan, string? node = null)
    {
        if (plan.Condition == PodCondition.Unschedulable)
            return plan;
        node ??= _readyNodes[_nextNode++ % _readyNodes.Count];
        var index = int.Parse(node[^2..], CultureInfo.InvariantCulture);
        var count = _podsPerNode[node] = _podsPerNode.GetValueOrDefault(node) + 1;
        var hostNetwork = plan.Workload.Kind == "DaemonSet";
        return plan with
        {
            Node = node,
            HostIp = NodeIp(index),
            PodIp = hostNetwork ? NodeIp(index) : $"10.244.{index}.{count + 1}",
        };
    }

    private void AddPod(PodPlan plan) => _store.Put(ApiResources.Pods, Pods.Build(plan, _names));

    private void AddStatefulSet(Workload w)
    {
        var created = DaysAgo(w.AgeDays);
        var hash = _names.TemplateHash();
        var revisionName = $"{w.Name}-{hash}";
        var template = Templates.PodTemplate(w, w.Version);
        _store.Put(ApiResources.StatefulSets, Controllers.StatefulSet(w, template, revisionName, created, w.Replicas));
        var previousHash = _names.TemplateHash();
        _store.Put(ApiResources.ControllerRevisions, Controllers.ControllerRevision(w, "StatefulSet", $"{w.Name}-{previousHash}", previousHash, Templates.PodTemplate(w, w.Version + "-prev"), 1, created));
        var rolled = DaysAgo(Math.Min(w.AgeDays - 1, 30));
        _store.Put(ApiResources.ControllerRevisions, Controllers.ControllerRevision(w, "StatefulSet", revisionName, hash, template, 2, rolled));
        for (var i = 0; i < w.Replicas; i++)
        {
            var name = $"{w.Name}-{i}";
            var owner = Controllers.OwnerReference("apps/v1", "StatefulSet", w.Name, Controllers.Uid("StatefulSet", w.Namespace, w.Name));
            var labels = new JsonObject
            {
                ["apps.kubernetes.io/pod-index"] = i.ToString(CultureInfo.InvariantCulture),
                ["controller-revision-hash"] = revisionName,
                ["statefulset.kubernetes.io/pod-name"] = name,
            };
            AddPod(WithOldRestart(Place(new PodPlan(w, template, name, owner, w.Name + "-", rolled.AddMinutes(i * 2), PodCondition.Healthy) { ExtraLabels = labels })));
            _store.Put(ApiResources.PersistentVolumeClaims, Claim(w, $"data-{name}", created.AddMinutes(i * 2)));
        }

        _store.Put(ApiResources.Services, Service(w, created));
    }

    private void AddDaemonSet(Workload w)
    {
        var created = DaysAgo(w.AgeDays);
        var hash = _names.TemplateHash();
        var template = Templates.PodTemplate(w, w.Version);
        _store.Put(ApiResources.DaemonSets, Controllers.DaemonSet(w, template, created, NodeCount, NodeCount - 1));
        var rolled = DaysAgo(Math.Min(w.AgeDays - 1, 21));
        _store.Put(ApiResources.ControllerRevisions, Controllers.ControllerRevision(w, "DaemonSet", $"{w.Name}-{hash}", hash, template, 3, rolled));
        for (var i = 1; i <= NodeCount; i++)
        {
            var node = NodeName(i);
            var lost = node == DemoStory.NotReadyNode;
            var owner = Controllers.OwnerReference("apps/v1", "DaemonSet", w.Name, Controllers.Uid("DaemonSet", w.Namespace, w.Name));
            var labels = new JsonObject { ["controller-revision-hash"] = hash, ["pod-template-generation"] = "3" };
            var podCreated = i == 10 ? DaysAgo(12).AddMinutes(1) : rolled.AddMinutes(i);
            var plan = new PodPlan(w, template, $"{w.Name}-{_names.Suffix()}", owner, w.Name + "-", podCreated, lost ? PodCondition.OnLostNode : PodCondition.Healthy)
            {
                ExtraLabels = labels,
                NodeLostAt = lost ? Ago(NodeLostAgo).AddSeconds(45) : null,
            };
            AddPod(Place(plan, node));
        }
    }

    private void AddCronJob(Workload w)
    {
        var created = DaysAgo(w.AgeDays);
        var template = Templates.PodTemplate(w, w.Version);
        var jobTemplate = new JsonObject { ["spec"] = new JsonObject { ["backoffLimit"] = 2, ["template"] = template.DeepClone() } };
        var lastRun = new DateTimeOffset(_now.Year, _now.Month, _now.Day, _now.Hour, 0, 0, TimeSpan.Zero);
        var cronSpec = new JsonObject
        {
            ["schedule"] = "0 * * * *",
            ["concurrencyPolicy"] = "Forbid",
            ["suspend"] = false,
            ["jobTemplate"] = jobTemplate,
            ["successfulJobsHistoryLimit"] = 3,
            ["failedJobsHistoryLimit"] = 1,
        };
        var cronMetadata = new JsonObject
        {
            ["name"] = w.Name,
            ["namespace"] = w.Namespace,
            ["uid"] = Controllers.Uid("CronJob", w.Namespace, w.Name),
            ["generation"] = 1,
            ["creationTimestamp"] = JsonFields.Rfc3339(created),
            ["labels"] = Templates.Labels(w),
            ["annotations"] = new JsonObject { ["kubectl.kubernetes.io/last-applied-configuration"] = Controllers.LastApplied("batch/v1", "CronJob", w, cronSpec) },
        };
        var cronStatus = new JsonObject { ["lastScheduleTime"] = JsonFields.Rfc3339(lastRun), ["lastSuccessfulTime"] = JsonFields.Rfc3339(lastRun.AddSeconds(48)) };
        cronMetadata["managedFields"] = new JsonArray
        {
            ManagedFields.Entry("kubectl-client-side-apply", "batch/v1", created, new JsonObject { ["f:metadata"] = ManagedFields.Of(cronMetadata, "annotations", "labels"), ["f:spec"] = ManagedFields.Of(cronSpec) }),
            ManagedFields.Entry("kube-controller-manager", "batch/v1", lastRun.AddSeconds(48), new JsonObject { ["f:status"] = ManagedFields.Of(cronStatus) }, "status"),
        };
        _store.Put(ApiResources.CronJobs, new JsonObject { ["kind"] = "CronJob", ["apiVersion"] = "batch/v1", ["metadata"] = cronMetadata, ["spec"] = cronSpec, ["status"] = cronStatus });

        for (var run = 0; run < 3; run++)
        {
            var scheduled = lastRun.AddHours(-run);
            var jobName = $"{w.Name}-{scheduled.ToUnixTimeSeconds() / 60}";
            var jobUid = Controllers.Uid("Job", w.Namespace, jobName);
            var jobLabels = new JsonObject { ["batch.kubernetes.io/controller-uid"] = jobUid, ["batch.kubernetes.io/job-name"] = jobName, ["controller-uid"] = jobUid, ["job-name"] = jobName };
            var podTemplate = (JsonObject)template.DeepClone();
            foreach (var (key, value) in jobLabels)
                podTemplate["metadata"]!["labels"]![key] = value?.DeepClone();
            var jobSpec = new JsonObject
            {
                ["parallelism"] = 1,
                ["completions"] = 1,
                ["backoffLimit"] = 2,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["batch.kubernetes.io/controller-uid"] = jobUid } },
                ["manualSelector"] = false,
                ["template"] = podTemplate,
                ["completionMode"] = "NonIndexed",
                ["suspend"] = false,
                ["podReplacementPolicy"] = "TerminatingOrFailed",
            };
            var jobStatus = new JsonObject
            {
                ["conditions"] = new JsonArray
                {
                    new JsonObject { ["type"] = "SuccessCriteriaMet", ["status"] = "True", ["lastProbeTime"] = JsonFields.Rfc3339(scheduled.AddSeconds(47)), ["lastTransitionTime"] = JsonFields.Rfc3339(scheduled.AddSeconds(47)) },
                    new JsonObject { ["type"] = "Complete", ["status"] = "True", ["lastProbeTime"] = JsonFields.Rfc3339(scheduled.AddSeconds(48)), ["lastTransitionTime"] = JsonFields.Rfc3339(scheduled.AddSeconds(48)) },
                },
                ["startTime"] = JsonFields.Rfc3339(scheduled.AddSeconds(1)),
                ["completionTime"] = JsonFields.Rfc3339(scheduled.AddSeconds(48)),
                ["succeeded"] = 1,
                ["terminating"] = 0,
                ["uncountedTerminatedPods"] = new JsonObject(),
                ["ready"] = 0,
            };
            var jobMetadata = new JsonObject
            {
                ["name"] = jobName,
                ["namespace"] = w.Namespace,
                ["uid"] = jobUid,
                ["generation"] = 1,
                ["creationTimestamp"] = JsonFields.Rfc3339(scheduled),
                ["labels"] = jobLabels.DeepClone(),
                ["annotations"] = new JsonObject { ["batch.kubernetes.io/cronjob-scheduled-timestamp"] = scheduled.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) },
                ["ownerReferences"] = new JsonArray { Controllers.OwnerReference("batch/v1", "CronJob", w.Name, Controllers.Uid("CronJob", w.Namespace, w.Name)) },
            };
            jobMetadata["managedFields"] = new JsonArray
            {
                ManagedFields.Entry("kube-controller-manager", "batch/v1", scheduled, new JsonObject { ["f:metadata"] = ManagedFields.Of(jobMetadata, "annotations", "labels", "ownerReferences"), ["f:spec"] = ManagedFields.Of(jobSpec) }),
                ManagedFields.Entry("kube-controller-manager", "batch/v1", scheduled.AddSeconds(48), new JsonObject { ["f:status"] = ManagedFields.Of(jobStatus) }, "status"),
            };
            _store.Put(ApiResources.Jobs, new JsonObject { ["kind"] = "Job", ["apiVersion"] = "batch/v1", ["metadata"] = jobMetadata, ["spec"] = jobSpec, ["status"] = jobStatus });
            var owner = Controllers.OwnerReference("batch/v1", "Job", jobName, jobUid);
            AddPod(Place(new PodPlan(w, podTemplate, $"{jobName}-{_names.Suffix()}", owner, jobName + "-", scheduled.AddSeconds(1), PodCondition.Succeeded)));
        }
    }

    // ---- supporting objects ----

    private JsonObject Service(Workload w, DateTimeOffset created)
    {
        var loadBalancer = w.Name == "ingress-nginx-controller";
        var ip = $"10.96.{_nextServiceIp / 250}.{_nextServiceIp++ % 250 + 2}";
        var port = new JsonObject { ["name"] = "http", ["protocol"] = "TCP", ["port"] = loadBalancer ? 80 : w.Port == 8080 ? 80 : w.Port, ["targetPort"] = "http" };
        if (loadBalancer)
            port["nodePort"] = 31080;
        var spec = new JsonObject
        {
            ["ports"] = new JsonArray { port },
            ["selector"] = new JsonObject { ["app"] = w.Name },
            ["clusterIP"] = w.Kind == "StatefulSet" ? "None" : ip,
            ["clusterIPs"] = new JsonArray { w.Kind == "StatefulSet" ? "None" : ip },
            ["type"] = loadBalancer ? "LoadBalancer" : "ClusterIP",
            ["sessionAffinity"] = "None",
            ["ipFamilies"] = new JsonArray { "IPv4" },
            ["ipFamilyPolicy"] = "SingleStack",
            ["internalTrafficPolicy"] = "Cluster",
        };
        var status = new JsonObject { ["loadBalancer"] = loadBalancer ? new JsonObject { ["ingress"] = new JsonArray { new JsonObject { ["hostname"] = "a3f9c2e1d4b5.elb.eu-west-1.amazonaws.com" } } } : new JsonObject() };
        return Simple("v1", "Service", w.Namespace, w.Name, created, Templates.Labels(w), spec, status, applied: true);
    }

    private static JsonObject ConfigMap(string ns, string name, DateTimeOffset created, JsonObject data, bool applied = true)
    {
        var obj = Simple("v1", "ConfigMap", ns, name, created, null, null, null, applied, data);
        obj.Remove("spec");
        obj.Remove("status");
        return obj;
    }

    private static JsonObject Secret(string ns, string name, DateTimeOffset created, string type, Dictionary<string, string> values)
    {
        var data = new JsonObject();
        foreach (var (key, value) in values)
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
        var stringData = new JsonObject();
        foreach (var (key, value) in values)
            stringData[key] = value;
        // kubectl apply of a manifest with stringData keeps the plain values in this annotation.
        var lastApplied = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["stringData"] = stringData,
            ["type"] = type,
        }.ToJsonString(JsonFields.Wire) + "\n";
        var metadata = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["uid"] = Names.Uid($"secret/{ns}/{name}"),
            ["creationTimestamp"] = JsonFields.Rfc3339(created),
            ["annotations"] = new JsonObject { ["kubectl.kubernetes.io/last-applied-configuration"] = lastApplied },
        };
        metadata["managedFields"] = new JsonArray { ManagedFields.Entry("kubectl-client-side-apply", "v1", created, new JsonObject { ["f:data"] = ManagedFields.Of(data), ["f:metadata"] = ManagedFields.Of(metadata, "annotations"), ["f:type"] = new JsonObject() }) };
        return new JsonObject { ["kind"] = "Secret", ["apiVersion"] = "v1", ["metadata"] = metadata, ["data"] = data, ["type"] = type };
    }

    private static JsonObject ServiceAccount(string ns, string name, DateTimeOffset created)
    {
        var obj = Simple("v1", "ServiceAccount", ns, name, created, null, null, null, applied: name != "default");
        obj.Remove("spec");
        obj.Remove("status");
        return obj;
    }

    private static JsonObject Claim(Workload w, string name, DateTimeOffset created)
    {
        var spec = new JsonObject
        {
            ["accessModes"] = new JsonArray { "ReadWriteOnce" },
            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = "20Gi" } },
            ["volumeName"] = "pvc-" + Names.Uid($"pv/{w.Namespace}/{name}"),
            ["storageClassName"] = "gp3",
            ["volumeMode"] = "Filesystem",
        };
        var status = new JsonObject { ["phase"] = "Bound", ["accessModes"] = new JsonArray { "ReadWriteOnce" }, ["capacity"] = new JsonObject { ["storage"] = "20Gi" } };
        var obj = Simple("v1", "PersistentVolumeClaim", w.Namespace, name, created, new JsonObject { ["app"] = w.Name }, spec, status, applied: false);
        obj["metadata"]!["annotations"] = new JsonObject
        {
            ["pv.kubernetes.io/bind-completed"] = "yes",
            ["pv.kubernetes.io/bound-by-controller"] = "yes",
            ["volume.beta.kubernetes.io/storage-provisioner"] = "ebs.csi.aws.com",
            ["volume.kubernetes.io/selected-node"] = NodeName(1 + Names.Stable(name) % 8),
            ["volume.kubernetes.io/storage-provisioner"] = "ebs.csi.aws.com",
        };
        obj["metadata"]!["finalizers"] = new JsonArray { "kubernetes.io/pvc-protection" };
        return obj;
    }

    private void AddIngresses()
    {
        var ingress = (string ns, string name, string host, string path, string service, string? tls) =>
        {
            var spec = new JsonObject
            {
                ["ingressClassName"] = "nginx",
                ["rules"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["host"] = host,
                        ["http"] = new JsonObject
                        {
                            ["paths"] = new JsonArray
                            {
                                new JsonObject
                                {
                                    ["path"] = path,
                                    ["pathType"] = "Prefix",
                                    ["backend"] = new JsonObject { ["service"] = new JsonObject { ["name"] = service, ["port"] = new JsonObject { ["name"] = "http" } } },
                                },
                            },
                        },
                    },
                },
            };
            if (tls is not null)
                spec["tls"] = new JsonArray { new JsonObject { ["hosts"] = new JsonArray { host }, ["secretName"] = tls } };
            var status = new JsonObject { ["loadBalancer"] = new JsonObject { ["ingress"] = new JsonArray { new JsonObject { ["hostname"] = "a3f9c2e1d4b5.elb.eu-west-1.amazonaws.com" } } } };
            _store.Put(ApiResources.Ingresses, Simple("networking.k8s.io/v1", "Ingress", ns, name, DaysAgo(300), new JsonObject { ["app"] = service }, spec, status, applied: true));
        };
        ingress("payments", "payments-api", "api.example.com", "/payments", "payments-api", "payments-api-tls");
        ingress("web", "storefront", "shop.example.com", "/", "storefront", "storefront-tls");
        ingress("checkout", "checkout-web", "shop.example.com", "/checkout", "checkout-web", "storefront-tls");
    }

    private void AddAutoscalers()
    {
        foreach (var (ns, name, min, max, current, utilization) in new[] { ("checkout", "checkout-web", 6, 20, 12, 58), ("web", "storefront", 8, 30, 16, 61), ("payments", "payment-gateway", 4, 12, 6, 44) })
        {
            var spec = new JsonObject
            {
                ["scaleTargetRef"] = new JsonObject { ["kind"] = "Deployment", ["name"] = name, ["apiVersion"] = "apps/v1" },
                ["minReplicas"] = min,
                ["maxReplicas"] = max,
                ["metrics"] = new JsonArray
                {
                    new JsonObject { ["type"] = "Resource", ["resource"] = new JsonObject { ["name"] = "cpu", ["target"] = new JsonObject { ["type"] = "Utilization", ["averageUtilization"] = 70 } } },
                },
            };
            var status = new JsonObject
            {
                ["lastScaleTime"] = JsonFields.Rfc3339(Ago(TimeSpan.FromHours(5))),
                ["currentReplicas"] = current,
                ["desiredReplicas"] = current,
                ["currentMetrics"] = new JsonArray
                {
                    new JsonObject { ["type"] = "Resource", ["resource"] = new JsonObject { ["name"] = "cpu", ["current"] = new JsonObject { ["averageValue"] = "58m", ["averageUtilization"] = utilization } } },
                },
                ["conditions"] = new JsonArray
                {
                    new JsonObject { ["type"] = "AbleToScale", ["status"] = "True", ["lastTransitionTime"] = JsonFields.Rfc3339(DaysAgo(30)), ["reason"] = "ReadyForNewScale", ["message"] = "recommended size matches current size" },
                    new JsonObject { ["type"] = "ScalingActive", ["status"] = "True", ["lastTransitionTime"] = JsonFields.Rfc3339(DaysAgo(30)), ["reason"] = "ValidMetricFound", ["message"] = "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)" },
                    new JsonObject { ["type"] = "ScalingLimited", ["status"] = "False", ["lastTransitionTime"] = JsonFields.Rfc3339(DaysAgo(30)), ["reason"] = "DesiredWithinRange", ["message"] = "the desired count is within the acceptable range" },
                },
            };
            _store.Put(ApiResources.HorizontalPodAutoscalers, Simple("autoscaling/v2", "HorizontalPodAutoscaler", ns, name, DaysAgo(200), null, spec, status, applied: true));
        }
    }

    private void AddCustomResources()
    {
        foreach (var resource in new[] { ApiResources.Certificates, ApiResources.ServiceMonitors })
        {
            var name = $"{resource.Plural}.{resource.Group}";
            var columns = new JsonArray();
            foreach (var (column, type, path) in resource.PrinterColumns)
                columns.Add(new JsonObject { ["name"] = column, ["type"] = type, ["jsonPath"] = path });
            var version = new JsonObject { ["name"] = resource.Version, ["served"] = true, ["storage"] = true, ["schema"] = new JsonObject { ["openAPIV3Schema"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true } } };
            if (columns.Count > 0)
                version["additionalPrinterColumns"] = columns;
            var spec = new JsonObject
            {
                ["group"] = resource.Group,
                ["names"] = new JsonObject { ["plural"] = resource.Plural, ["singular"] = resource.Singular, ["kind"] = resource.Kind, ["listKind"] = resource.ListKind, ["shortNames"] = new JsonArray([.. resource.ShortNames.Select(s => (JsonNode)s)]) },
                ["scope"] = resource.Namespaced ? "Namespaced" : "Cluster",
                ["versions"] = new JsonArray { version },
                ["conversion"] = new JsonObject { ["strategy"] = "None" },
            };
            var status = new JsonObject
            {
                ["acceptedNames"] = spec["names"]!.DeepClone(),
                ["storedVersions"] = new JsonArray { resource.Version },
                ["conditions"] = new JsonArray
                {
                    new JsonObject { ["type"] = "NamesAccepted", ["status"] = "True", ["lastTransitionTime"] = JsonFields.Rfc3339(DaysAgo(170)), ["reason"] = "NoConflicts", ["message"] = "no conflicts found" },
                    new JsonObject { ["type"] = "Established", ["status"] = "True", ["lastTransitionTime"] = JsonFields.Rfc3339(DaysAgo(170)), ["reason"] = "InitialNamesAccepted", ["message"] = "the initial names have been accepted" },
                },
            };
            var crd = Simple("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, name, DaysAgo(170), null, spec, status, applied: true);
            _store.Put(ApiResources.CustomResourceDefinitions, crd);
        }

        foreach (var (ns, name, host) in new[] { ("payments", "payments-api-tls", "api.example.com"), ("web", "storefront-tls", "shop.example.com") })
        {
            var spec = new JsonObject
            {
                ["secretName"] = name,
                ["dnsNames"] = new JsonArray { host },
                ["issuerRef"] = new JsonObject { ["name"] = "letsencrypt-prod", ["kind"] = "ClusterIssuer", ["group"] = "cert-manager.io" },
            };
            var status = new JsonObject
            {
                ["conditions"] = new JsonArray
                {
                    new JsonObject { ["type"] = "Ready", ["status"] = "True", ["lastTransitionTime"] = JsonFields.Rfc3339(DaysAgo(20)), ["reason"] = "Ready", ["message"] = "Certificate is up to date and has not expired", ["observedGeneration"] = 1 },
                },
                ["notAfter"] = JsonFields.Rfc3339(DaysAgo(-70)),
                ["notBefore"] = JsonFields.Rfc3339(DaysAgo(20)),
                ["renewalTime"] = JsonFields.Rfc3339(DaysAgo(-40)),
                ["revision"] = 4,
            };
            _store.Put(ApiResources.Certificates, Simple("cert-manager.io/v1", "Certificate", ns, name, DaysAgo(300), null, spec, status, applied: true));
        }

        foreach (var (ns, name) in new[] { ("payments", "payments-api"), ("checkout", "checkout-api"), ("web", "storefront") })
        {
            var spec = new JsonObject
            {
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
                ["endpoints"] = new JsonArray { new JsonObject { ["port"] = "http", ["path"] = "/metrics", ["interval"] = "30s" } },
            };
            var monitor = Simple("monitoring.coreos.com/v1", "ServiceMonitor", ns, name, DaysAgo(200), new JsonObject { ["release"] = "prometheus" }, spec, null, applied: true);
            monitor.Remove("status");
            _store.Put(ApiResources.ServiceMonitors, monitor);
        }
    }

    /// <summary>A metadata/spec/status object with the managedFields and last-applied annotation kubectl apply leaves.</summary>
    private static JsonObject Simple(string apiVersion, string kind, string? ns, string name, DateTimeOffset created, JsonObject? labels, JsonObject? spec, JsonObject? status, bool applied, JsonObject? data = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
            metadata["namespace"] = ns;
        metadata["uid"] = Names.Uid($"{kind}/{ns}/{name}");
        metadata["creationTimestamp"] = JsonFields.Rfc3339(created);
        if (labels is not null)
            metadata["labels"] = labels;
        if (applied)
        {
            var manifest = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns } };
            if (labels is not null)
                manifest["metadata"]!["labels"] = labels.DeepClone();
            if (spec is not null)
                manifest["spec"] = spec.DeepClone();
            if (data is not null)
                manifest["data"] = data.DeepClone();
            metadata["annotations"] = new JsonObject { ["kubectl.kubernetes.io/last-applied-configuration"] = manifest.ToJsonString(JsonFields.Wire) + "\n" };
        }

        var owned = new JsonObject { ["f:metadata"] = ManagedFields.Of(metadata, "annotations", "labels") };
        if (spec is not null)
            owned["f:spec"] = ManagedFields.Of(spec);
        if (data is not null)
            owned["f:data"] = ManagedFields.Of(data);
        metadata["managedFields"] = new JsonArray { ManagedFields.Entry(applied ? "kubectl-client-side-apply" : "kube-controller-manager", apiVersion, created, owned) };
        var obj = new JsonObject { ["kind"] = kind, ["apiVersion"] = apiVersion, ["metadata"] = metadata };
        if (data is not null)
            obj["data"] = data;
        if (spec is not null)
            obj["spec"] = spec;
        obj["status"] = status ?? new JsonObject();
        return obj;
    }

    private static string FakeCertificate(string subject)
    {
        var body = Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat($"demo certificate for {subject};", 24))));
        var lines = Enumerable.Range(0, (body.Length + 63) / 64).Select(i => body.Substring(i * 64, Math.Min(64, body.Length - i * 64)));
        return "-----BEGIN CERTIFICATE-----\n" + string.Join('\n', lines) + "\n-----END CERTIFICATE-----\n";
    }

    // ---- events ----

    private void AddEvents()
    {
        var events = new ClusterEvents(_store, _now, _names);
        events.AddAll();
    }
}
