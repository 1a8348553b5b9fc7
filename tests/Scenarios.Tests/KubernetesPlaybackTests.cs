using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SreSuite.KubeFixture;
using SreSuite.KubeFixture.Api;

namespace SreSuite.Scenarios.Tests;

/// <summary>
/// The KubeFixture plays a scenario's Kubernetes side as an API server would: every library scenario's objects, events
/// and logs, and a folder written outside the repository, through the same HTTP surface kubectl and the servers use.
/// </summary>
public sealed class KubernetesPlaybackTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 30, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly string _folder = Directory.CreateTempSubdirectory("playback-").FullName;

    public static TheoryData<string> Library => new(ScenarioCatalog.Names());

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [MemberData(nameof(Library))]
    public async Task Every_library_scenario_plays_its_objects_events_and_logs(string name)
    {
        var scenario = ScenarioCatalog.Load(name, Now);
        await using var server = await KubeFixtureServer.StartAsync(new KubeFixtureOptions { Scenario = name, Now = Now }, Ct);
        using var http = Client(server);

        var pods = await List(http, "/api/v1/pods");
        Assert.Equal(scenario.PodCount, pods.Count);
        var events = await List(http, "/api/v1/events");
        Assert.Equal(scenario.KubernetesObjects.Count(o => o.Kind == "Event"), events.Count);

        // Every ground-truth group names something the API serves.
        foreach (var group in scenario.GroundTruth.Groups)
        {
            var resource = ApiResources.Stored.Single(r => r.Kind == group.Kind);
            var path = resource.Group.Length == 0 ? $"/api/v1/{resource.Plural}" : $"/apis/{resource.GroupVersion}/{resource.Plural}";
            var served = await List(http, path);
            Assert.True(served.Any(o => group.Matches(JsonFields.Text(o, "metadata.namespace"), JsonFields.Text(o, "metadata.name")!)), $"{name}: ground truth group {group.Id} matches nothing served");
        }

        // Every log file is served for its pod, with its last line last.
        foreach (var log in scenario.Logs)
        {
            var lastLine = File.ReadLines(log.Path).Last(l => l.Length > 0);
            using var response = await http.GetAsync($"/api/v1/namespaces/{log.Namespace}/pods/{log.Pod}/log?container={log.Container}&previous={(log.Previous ? "true" : "false")}", Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {log.Path}: {(int)response.StatusCode} {text}");
            Assert.EndsWith(lastLine.Split(' ', 2)[^1] + "\n", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_folder_outside_the_repository_plays_with_selectors_tables_events_and_logs()
    {
        WriteScenario();
        await using var server = await KubeFixtureServer.StartAsync(new KubeFixtureOptions { Scenario = _folder, Now = Now }, Ct);
        using var http = Client(server);

        // Objects as written, times moved onto the run: the snapshot's now (2025-01-10T08:00Z) is the run's now.
        var web = await Get(http, "/api/v1/namespaces/shop/pods/web-7d9f-abcde");
        Assert.Equal("2026-06-01T08:30:00Z", JsonFields.Text(web, "metadata.creationTimestamp"));
        Assert.Equal("2026-06-01T09:25:00Z", JsonFields.Text(JsonFields.Items(web, "status.containerStatuses").Single(), "lastState.terminated.finishedAt"));
        Assert.NotNull(JsonFields.Text(web, "metadata.uid"));

        // Label and field selectors, namespaces the snapshot did not list, Tables.
        Assert.Equal(2, (await List(http, "/api/v1/namespaces/shop/pods?labelSelector=app%3Dweb")).Count);
        Assert.Single(await List(http, "/api/v1/pods?fieldSelector=status.phase%3DPending"));
        Assert.Single(await List(http, "/api/v1/namespaces/shop/events?fieldSelector=involvedObject.name%3Dweb-7d9f-abcde"));
        Assert.Contains(await List(http, "/api/v1/namespaces"), ns => JsonFields.Text(ns, "metadata.name") == "shop");
        Assert.Single(await List(http, "/api/v1/namespaces/shop/endpoints"));
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces/shop/pods"))
        {
            request.Headers.Accept.ParseAdd("application/json;as=Table;v=v1;g=meta.k8s.io");
            using var response = await http.SendAsync(request, Ct);
            var table = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
            Assert.Equal("Table", JsonFields.Text(table, "kind"));
            Assert.Contains(JsonFields.Items(table, "rows"), row => row["cells"]![2]!.GetValue<string>() == "CrashLoopBackOff");
        }

        // Logs: the crash-looping container's current log is its last run; --previous its own file; tail and since.
        var current = await Text(http, "/api/v1/namespaces/shop/pods/web-7d9f-abcde/log");
        Assert.EndsWith("fatal: DATABASE_URL is not set\n", current, StringComparison.Ordinal);
        Assert.DoesNotContain("-5m", current, StringComparison.Ordinal);
        var previous = await Text(http, "/api/v1/namespaces/shop/pods/web-7d9f-abcde/log?previous=true");
        Assert.Equal("starting web 2.0\nfatal: DATABASE_URL is not set (previous run)\n", previous);
        Assert.Equal("fatal: DATABASE_URL is not set\n", await Text(http, "/api/v1/namespaces/shop/pods/web-7d9f-abcde/log?tailLines=1"));
        var stamped = await Text(http, "/api/v1/namespaces/shop/pods/web-7d9f-abcde/log?timestamps=true&tailLines=1");
        Assert.StartsWith("2026-06-01T09:25:00", stamped, StringComparison.Ordinal);
        var healthy = await Text(http, "/api/v1/namespaces/shop/pods/web-7d9f-fghij/log?sinceSeconds=600");
        Assert.Equal("GET /healthz 200\n", healthy);
        Assert.Equal(string.Empty, await Text(http, "/api/v1/namespaces/shop/pods/cart-5c6d-klmno/log"));
        Assert.EndsWith("schema at version 42\n", await Text(http, "/api/v1/namespaces/shop/pods/cart-5c6d-klmno/log?container=migrate"), StringComparison.Ordinal);

        // The API server's refusals still apply.
        using var pending = await http.GetAsync("/api/v1/namespaces/shop/pods/cart-5c6d-pqrst/log", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, pending.StatusCode);
        Assert.Contains("does not have a host assigned", await pending.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var noPrevious = await http.GetAsync("/api/v1/namespaces/shop/pods/web-7d9f-fghij/log?previous=true", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noPrevious.StatusCode);
    }

    [Fact]
    public async Task A_generated_cluster_plays_with_its_not_ready_node_and_stranded_pods()
    {
        WriteScenario("name: big\ndescription: d\nnow: 2026-01-01T00:00:00Z\nfault_class: node-not-ready\n");
        WriteGroundTruth("Node", "^node-03$");
        Write("kubernetes/generate.yaml", """
            nodes: {count: 10, not_ready: [node-03]}
            workloads:
              - {namespace: shop, name: svc, count: 20, replicas: 10, image: registry.example.com/svc:1.0}
              - {namespace: shop, name: broken, replicas: 4, image: registry.example.com/broken:2.0, state: crashloop, unhealthy: 2, message: "fatal: boom"}
            """);
        await using var server = await KubeFixtureServer.StartAsync(new KubeFixtureOptions { Scenario = _folder, Now = Now }, Ct);
        using var http = Client(server);

        Assert.Equal(204, (await List(http, "/api/v1/pods")).Count);
        Assert.Equal(10, (await List(http, "/api/v1/nodes")).Count);
        Assert.Equal(21, (await List(http, "/apis/apps/v1/namespaces/shop/deployments")).Count);
        var stranded = await List(http, "/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-03");
        Assert.NotEmpty(stranded);
        // Its kubelet is gone, so the API server cannot fetch a stranded pod's log.
        using (var unreachable = await http.GetAsync($"/api/v1/namespaces/shop/pods/{JsonFields.Text(stranded[0], "metadata.name")}/log", Ct))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, unreachable.StatusCode);
            Assert.Contains(":10250: connect: no route to host", await unreachable.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        var broken = (await List(http, "/api/v1/namespaces/shop/pods?labelSelector=app%3Dbroken"))
            .First(p => JsonFields.Text(p, "status.phase") == "Running" && JsonFields.Items(p, "status.containerStatuses").Any(s => JsonFields.Text(s, "state.waiting.reason") == "CrashLoopBackOff"));
        // With no log file, a terminated run's last words are its termination message.
        Assert.Equal("fatal: boom\n", await Text(http, $"/api/v1/namespaces/shop/pods/{JsonFields.Text(broken, "metadata.name")}/log?previous=true"));
    }

    [Theory]
    [InlineData("kubernetes/x.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: shop}\n", "scenario file kubernetes/x.yaml: kind: 'Widget' is not a kind the demo cluster serves")]
    [InlineData("kubernetes/x.yaml", "apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata: {name: h, namespace: shop}\n", "scenario file kubernetes/x.yaml: apiVersion: 'autoscaling/v1' is not the version the demo cluster serves HorizontalPodAutoscaler at; write autoscaling/v2")]
    [InlineData("kubernetes/x.json", "{\"apiVersion\":\"v1\",\"kind\":\"PodList\",\"items\":[{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"s\",\"creationTimestamp\":\"yesterday\"}}]}", "scenario file kubernetes/x.json: items[0]…creationTimestamp: 'yesterday' is neither")]
    [InlineData("kubernetes/generate.yaml", "nodes: {count: 3, not_ready: [node-9]}\nworkloads: []\n", "scenario file kubernetes/generate.yaml: nodes.not_ready: 'node-9' is not one of the generated nodes")]
    public async Task A_malformed_kubernetes_file_stops_the_fixture_with_one_line_naming_file_and_field(string file, string text, string expected)
    {
        WriteScenario("name: bad\ndescription: d\nnow: 2026-01-01T00:00:00Z\nfault_class: other\n");
        WriteGroundTruth("Pod", "^p$");
        Write(file, text);

        var error = await Assert.ThrowsAsync<ScenarioFormatException>(() => KubeFixtureServer.StartAsync(new KubeFixtureOptions { Scenario = _folder, Now = Now }, Ct));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void The_loader_admits_exactly_the_kinds_the_fixture_serves()
    {
        var served = ApiResources.Stored.ToDictionary(r => r.Kind, r => r.GroupVersion);
        foreach (var (kind, version) in ScenarioLoader.ServedKinds)
            Assert.True(served.TryGetValue(kind, out var fixtureVersion) && fixtureVersion == version, $"{version} {kind} is admitted by the loader but not served by the fixture");
    }

    private void WriteScenario()
    {
        WriteScenario("name: captured\ndescription: a snapshot from someone else's cluster\nnow: 2025-01-10T08:00:00Z\nfault_class: crash-loop\n");
        WriteGroundTruth("Deployment", "^web$");
        Write("kubernetes/workloads.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop, creationTimestamp: "2025-01-01T00:00:00Z"}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: "registry.example.com/web:2.0"}]}}
            status: {replicas: 2, readyReplicas: 1}
            """);
        Write("kubernetes/pods.json", """
            {"apiVersion":"v1","kind":"PodList","items":[
             {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-7d9f-abcde","namespace":"shop","labels":{"app":"web"},"creationTimestamp":"2025-01-10T07:00:00Z"},
              "spec":{"nodeName":"node-1","containers":[{"name":"web","image":"registry.example.com/web:2.0"}]},
              "status":{"phase":"Running","podIP":"10.1.0.5","conditions":[{"type":"Ready","status":"False"}],
               "containerStatuses":[{"name":"web","ready":false,"restartCount":7,"state":{"waiting":{"reason":"CrashLoopBackOff"}},
                "lastState":{"terminated":{"exitCode":1,"reason":"Error","startedAt":"2025-01-10T07:54:50Z","finishedAt":"2025-01-10T07:55:00Z"}}}]}},
             {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-7d9f-fghij","namespace":"shop","labels":{"app":"web"},"creationTimestamp":"2025-01-10T06:00:00Z"},
              "spec":{"nodeName":"node-1","containers":[{"name":"web","image":"registry.example.com/web:1.9"}]},
              "status":{"phase":"Running","podIP":"10.1.0.6","conditions":[{"type":"Ready","status":"True"}],
               "containerStatuses":[{"name":"web","ready":true,"restartCount":0,"state":{"running":{"startedAt":"-2h"}}}]}},
             {"apiVersion":"v1","kind":"Pod","metadata":{"name":"cart-5c6d-klmno","namespace":"shop","labels":{"app":"cart"}},
              "spec":{"nodeName":"node-1","initContainers":[{"name":"migrate","image":"registry.example.com/cart:1.0"}],"containers":[{"name":"cart","image":"registry.example.com/cart:1.0"}]},
              "status":{"phase":"Running","initContainerStatuses":[{"name":"migrate","ready":true,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed","startedAt":"-62m","finishedAt":"-61m"}}}],
               "containerStatuses":[{"name":"cart","ready":true,"restartCount":0,"state":{"running":{"startedAt":"-1h"}}}]}},
             {"apiVersion":"v1","kind":"Pod","metadata":{"name":"cart-5c6d-pqrst","namespace":"shop","labels":{"app":"cart"}},
              "spec":{"containers":[{"name":"cart","image":"registry.example.com/cart:1.0"}]},
              "status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"Unschedulable"}]}}]}
            """);
        Write("kubernetes/services.yaml", """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080, protocol: TCP}]}
            """);
        Write("kubernetes/events.yaml", """
            apiVersion: v1
            kind: EventList
            items:
              - apiVersion: v1
                kind: Event
                metadata: {name: web-7d9f-abcde.1, namespace: shop}
                involvedObject: {kind: Pod, namespace: shop, name: web-7d9f-abcde}
                reason: BackOff
                message: Back-off restarting failed container web
                type: Warning
                count: 31
                firstTimestamp: -50m
                lastTimestamp: -1m
            """);
        Write("logs/shop/web-7d9f-abcde/web.log", "-5m10s starting web 2.0\n-5m connecting to database\nfatal: DATABASE_URL is not set\n");
        Write("logs/shop/web-7d9f-abcde/web.previous.log", "starting web 2.0\nfatal: DATABASE_URL is not set (previous run)\n");
        Write("logs/shop/cart-5c6d-klmno/migrate.log", "applying 3 migrations\nschema at version 42\n");
        Write("logs/shop/web-7d9f-fghij/web.log", "2025-01-10T06:00:00Z starting web 1.9\n2025-01-10T07:58:00Z GET /healthz 200\n");
    }

    private void WriteGroundTruth(string kind, string filter) => Write("ground_truth.yaml", $"""
        apiVersion: itbench.io/v1
        kind: GroundTruth
        metadata: {"{"}name: x{"}"}
        spec:
          fault:
            - entity: {"{"}name: x, group_id: root, kind: {kind}{"}"}
              condition: c
              category: Change
              fault_mechanism: m
          groups:
            - {"{"}id: root, kind: {kind}, filter: ['{filter}'], root_cause: true{"}"}
        """);

    /// <summary>scenario.yaml and the catalog.yaml every folder needs (docs/scenarios.md), with one service.</summary>
    private void WriteScenario(string scenarioYaml)
    {
        Write("scenario.yaml", scenarioYaml);
        Write("catalog.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: web\nspec:\n  owner: team-web\n");
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public async Task Self_subject_access_reviews_answer_json_and_client_go_protobuf_by_the_same_denials()
    {
        // client-go tools ask before listing cluster-wide and fall back to the kubeconfig's namespace if the review
        // fails: without it the Go kubernetes-mcp-server saw only 'payments' of a scenario cluster.
        var options = new KubeFixtureOptions { Scenario = "checkout-dependency-down", Now = Now };
        options.Forbidden.Add(new ForbiddenRule("list", "nodes"));
        await using var server = await KubeFixtureServer.StartAsync(options, Ct);
        using var http = Client(server);

        async Task<JsonObject> Review(HttpContent body)
        {
            using var response = await http.PostAsync("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", body, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {text}");
            return JsonNode.Parse(text)!.AsObject();
        }

        static StringContent Json(string verb, string resource) => new(new JsonObject
        {
            ["apiVersion"] = "authorization.k8s.io/v1",
            ["kind"] = "SelfSubjectAccessReview",
            ["spec"] = new JsonObject { ["resourceAttributes"] = new JsonObject { ["verb"] = verb, ["resource"] = resource } },
        }.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

        Assert.True(JsonFields.Flag(await Review(Json("list", "pods")), "status.allowed"));
        var nodes = await Review(Json("list", "nodes"));
        Assert.False(JsonFields.Flag(nodes, "status.allowed"));
        Assert.Equal("nodes", JsonFields.Text(nodes, "spec.resourceAttributes.resource"));

        // The bytes client-go v0.34 posts for "may I list pods in every namespace?" (k8s\0 envelope, runtime.Unknown).
        byte[] raw = [0x0a, 0x00, 0x12, 0x1a, 0x0a, 0x18, 0x0a, 0x00, 0x12, 0x04, .. "list"u8, 0x1a, 0x00, 0x22, 0x02, .. "v1"u8, 0x2a, 0x04, .. "pods"u8, 0x32, 0x00, 0x3a, 0x00];
        byte[] typeMeta = [0x0a, 0x17, .. "authorization.k8s.io/v1"u8, 0x12, 0x17, .. "SelfSubjectAccessReview"u8];
        byte[] envelope = [.. "k8s\0"u8, 0x0a, (byte)typeMeta.Length, .. typeMeta, 0x12, (byte)raw.Length, .. raw, 0x1a, 0x00, 0x22, 0x00];
        var protobuf = new ByteArrayContent(envelope);
        protobuf.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.kubernetes.protobuf");
        var fromGo = await Review(protobuf);
        Assert.True(JsonFields.Flag(fromGo, "status.allowed"));
        Assert.Equal("list", JsonFields.Text(fromGo, "spec.resourceAttributes.verb"));
        Assert.Equal("pods", JsonFields.Text(fromGo, "spec.resourceAttributes.resource"));

        // Discovery names the group, as a real API server's does.
        Assert.Contains(JsonFields.Items(await Get(http, "/apis"), "groups"), g => JsonFields.Text(g, "name") == "authorization.k8s.io");
        using var garbage = await http.PostAsync("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", new StringContent("{", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
    }

    [Fact]
    public async Task Metrics_api_usage_comes_from_the_scenarios_cadvisor_series_and_is_derived_only_without_them()
    {
        // kubectl top and Prometheus must agree: the reindex pod burns 7.1 cores (container_cpu_usage_seconds_total's
        // rate) on a 250m request, where the fixture's derivation from requests said about 0.2.
        await using var server = await KubeFixtureServer.StartAsync(new KubeFixtureOptions { Scenario = "checkout-noisy-neighbour", Now = Now }, Ct);
        using var http = Client(server);
        static double Cores(JsonObject item) => JsonFields.Items(item, "containers").Sum(c => double.Parse(JsonFields.Text(c, "usage.cpu")!.TrimEnd('n'), System.Globalization.CultureInfo.InvariantCulture) / 1e9);

        var reindex = await Get(http, "/apis/metrics.k8s.io/v1beta1/namespaces/search/pods/catalog-reindex-29725320-x8kqt");
        Assert.InRange(Cores(reindex), 7.0, 7.2);
        var checkout = await Get(http, "/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods/checkout-api-6c9d8b7f5k-m8k4d");
        Assert.InRange(Cores(checkout), 0.1, 0.3);

        // A pod without series keeps the derived usage: some share of its request, never zero.
        var frontend = (await List(http, "/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods")).First(p => JsonFields.Text(p, "metadata.name")!.StartsWith("frontend-", StringComparison.Ordinal));
        Assert.True(Cores(frontend) > 0);

        // The node's usage is its pods' and the system's: node-02 carries the reindex, node-01 does not.
        var nodes = (await List(http, "/apis/metrics.k8s.io/v1beta1/nodes")).ToDictionary(n => JsonFields.Text(n, "metadata.name")!, n => double.Parse(JsonFields.Text(n, "usage.cpu")!.TrimEnd('n'), System.Globalization.CultureInfo.InvariantCulture) / 1e9);
        Assert.True(nodes["node-02"] > 7.2, $"node-02 uses {nodes["node-02"]} cores");
        Assert.True(nodes["node-01"] < 4, $"node-01 uses {nodes["node-01"]} cores");
    }

    private static HttpClient Client(KubeFixtureServer server)
    {
        var http = new HttpClient { BaseAddress = server.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Options.Token);
        return http;
    }

    private static async Task<List<JsonObject>> List(HttpClient http, string path) =>
        [.. JsonFields.Items(await Get(http, path), "items")];

    private static async Task<JsonObject> Get(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task<string> Text(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return text;
    }
}
