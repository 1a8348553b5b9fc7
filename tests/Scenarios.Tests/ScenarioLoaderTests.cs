namespace SreSuite.Scenarios.Tests;

public sealed class ScenarioLoaderTests : IDisposable
{
    private static readonly DateTimeOffset RunNow = new(2026, 6, 1, 9, 30, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("scenario-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_payments_story_loads_with_its_times_moved_onto_the_run()
    {
        var scenario = ScenarioCatalog.Load(null, RunNow);

        Assert.Equal(ScenarioCatalog.DefaultName, scenario.Name);
        Assert.Equal("crash-loop", scenario.FaultClass);
        Assert.Equal(RunNow, scenario.Clock.Now);
        var root = Assert.Single(scenario.GroundTruth.RootCauses);
        Assert.Equal("payments-api-deployment", root.Id);
        var page = Assert.Single(scenario.Alerts, a => a.Labels["alertname"] == "PaymentsApiHighErrorRate");
        Assert.Equal(RunNow - TimeSpan.FromMinutes(175), page.ActiveAt);
        var deploy = Assert.Single(scenario.Deployments, d => d.Ref == "v2.14.0");
        Assert.Equal(RunNow - TimeSpan.FromHours(3), deploy.CreatedAt);
        Assert.Contains(ScenarioCatalog.DefaultName, ScenarioCatalog.Names());
    }

    [Fact]
    public void The_runbook_api_serves_the_scenarios_runbook_api_folder_and_nothing_without_one()
    {
        var story = ScenarioCatalog.Load(null, RunNow);
        Write("scenario.yaml", "name: x\ndescription: d\nnow: 2026-01-01T00:00:00Z\nfault_class: crash-loop\n");
        WriteGroundTruth();

        Assert.Empty(ScenarioLoader.Load(_folder, RunNow).RunbookApi);
        Assert.Equal(["fraud-scoring-timeouts", "ledger-replication-lag"], story.RunbookApi.Select(r => r.Slug));
        var ledger = story.RunbookApi[1];
        Assert.Equal(("Ledger replica lag above 30 s", "ledger-service", "LedgerReplicationLag"), (ledger.Title, ledger.Service, Assert.Single(ledger.Alerts)));
        Assert.Equal("runbook-api/ledger-replication-lag.md", ledger.File);
        Assert.Contains("\n# Ledger replica lag above 30 s\n", ledger.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Absolute_times_of_a_captured_snapshot_shift_with_its_now_including_taints_and_event_series()
    {
        Write("scenario.yaml", "name: captured\ndescription: d\nnow: 2025-01-10T08:00:00Z\nfault_class: other\n");
        WriteGroundTruth();
        Write("kubernetes/pods.json", """
            {"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","namespace":"shop","creationTimestamp":"2025-01-10T07:00:00Z"},
             "status":{"startTime":"-30m"}},
             {"apiVersion":"v1","kind":"Node","metadata":{"name":"node-1"},"spec":{"taints":[{"key":"node.kubernetes.io/unreachable","effect":"NoSchedule","timeAdded":"2025-01-10T07:35:40Z"}]}},
             {"apiVersion":"v1","kind":"Event","metadata":{"name":"web-1.1","namespace":"shop"},"eventTime":"2025-01-10T07:00:00.000000Z","series":{"count":3,"lastObservedTime":"2025-01-10T07:50:00.000000Z"}}]}
            """);

        var scenario = ScenarioLoader.Load(_folder, RunNow);

        var pod = Assert.Single(scenario.KubernetesObjects, o => o.Kind == "Pod");
        Assert.Equal("2026-06-01T08:30:00Z", pod.Json["metadata"]!["creationTimestamp"]!.GetValue<string>());
        Assert.Equal("2026-06-01T09:00:00Z", pod.Json["status"]!["startTime"]!.GetValue<string>());
        var node = Assert.Single(scenario.KubernetesObjects, o => o.Kind == "Node");
        Assert.Equal("2026-06-01T09:05:40Z", node.Json["spec"]!["taints"]![0]!["timeAdded"]!.GetValue<string>());
        var evt = Assert.Single(scenario.KubernetesObjects, o => o.Kind == "Event");
        Assert.Equal("2026-06-01T08:30:00.000000Z", evt.Json["eventTime"]!.GetValue<string>());
        Assert.Equal("2026-06-01T09:20:00.000000Z", evt.Json["series"]!["lastObservedTime"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("scenario.yaml", "name: x\ndescription: d\nnow: 2026-01-01T00:00:00Z\nfault_class: crash-loop\ncolour: red\n", "scenario file scenario.yaml: colour: unknown field")]
    [InlineData("scenario.yaml", "name: x\ndescription: d\nnow: yesterday\nfault_class: crash-loop\n", "scenario file scenario.yaml: now: 'yesterday' is not an RFC 3339 time")]
    [InlineData("scenario.yaml", "name: x\ndescription: d\nnow: 2026-01-01T00:00:00Z\nfault_class: gremlins\n", "scenario file scenario.yaml: fault_class: 'gremlins' is not one of")]
    [InlineData("scenario.yaml", "name: x\nnow: 2026-01-01T00:00:00Z\nfault_class: crash-loop\n", "scenario file scenario.yaml: description: is required")]
    [InlineData("scenario.yaml", "name: [x\n", "scenario file scenario.yaml: line ")]
    [InlineData("ground_truth.yaml", Head + "  fault:\n    - entity: {name: a, group_id: nope, kind: Pod}\n      condition: c\n      category: c\n      fault_mechanism: m\n  groups:\n    - {id: a, kind: Pod, filter: ['^a'], root_cause: true}\n", "scenario file ground_truth.yaml: spec.fault[0].entity.group_id: 'nope' is not the id of a group")]
    [InlineData("ground_truth.yaml", Head + "  fault:\n    - entity: {name: a, group_id: a, kind: Pod}\n      condition: c\n      category: c\n      fault_mechanism: m\n  groups:\n    - {id: a, kind: Pod, filter: ['(a'], root_cause: true}\n", "scenario file ground_truth.yaml: spec.groups[0].filter[0]: not a valid regular expression")]
    [InlineData("ground_truth.yaml", "apiVersion: itbench.io/v2\nkind: GroundTruth\nmetadata: {name: x}\nspec: {}\n", "scenario file ground_truth.yaml: apiVersion: must be itbench.io/v1")]
    [InlineData("alerts/alerts.json", "{\"status\":\"success\",\"data\":{\"alerts\":[{\"labels\":{\"alertname\":\"A\"},\"state\":\"firing\",\"activeAt\":\"soon\"}]}}", "scenario file alerts/alerts.json: data.alerts[0].activeAt: 'soon' is neither")]
    [InlineData("alerts/alerts.json", "{\"status\":\"success\",\"data\":{\"alerts\":[{\"labels\":{\"alertname\":\"A\"},}]}}", "scenario file alerts/alerts.json: line 1: not valid JSON")]
    [InlineData("kubernetes/pods.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n", "scenario file kubernetes/pods.yaml: metadata.namespace: is required for a Pod")]
    [InlineData("github/deployments.json", "{\"deployments\":[{\"repository\":\"acme/x\",\"id\":1,\"ref\":\"v1\",\"sha\":\"abc\",\"environment\":\"prod\",\"creator\":\"me\",\"created_at\":\"-1h\",\"state\":\"success\"}]}", "scenario file github/deployments.json: deployments[0].sha: 'abc' is not a 40-hex-digit commit sha")]
    [InlineData("metrics/m.yaml", "series:\n  - labels: {__name__: up}\n    generator: {shape: wobble, from: 1}\n", "scenario file metrics/m.yaml: series[0].generator.shape: 'wobble' is not constant, linear, step or sine")]
    [InlineData("catalog.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  annotations: {pagerduty.com/service-id: PSVC001}\n", "scenario file catalog.yaml: metadata.name: is required")]
    [InlineData("catalog.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: a}\n---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: b, annotations: {pagerduty.com/service-id: shop}}\n", "scenario file catalog.yaml (document 2): metadata.annotations.pagerduty.com/service-id: 'shop' is not a PagerDuty service id")]
    [InlineData("pagerduty/incidents.json", "{\"incidents\":[{\"id\":\"P1\",\"incident_number\":1,\"title\":\"t\",\"status\":\"resolved\",\"urgency\":\"high\",\"service\":{\"id\":\"PSVC001\",\"summary\":\"api\"},\"created_at\":\"-1h\"}]}", "scenario file pagerduty/incidents.json: incidents[0].log_entries: a resolved incident needs a resolve_log_entry")]
    [InlineData("github/runs.json", "{\"workflow_runs\":[{\"repository\":\"acme/api\",\"id\":9100000001,\"name\":\"deploy\",\"head_sha\":\"9f3c2e1ab4d5c6e7f8091a2b3c4d5e6f70819a2b\",\"head_branch\":\"main\",\"event\":\"push\",\"status\":\"completed\",\"created_at\":\"-1h\"}]}", "scenario file github/runs.json: workflow_runs[0].conclusion: a completed run needs a conclusion")]
    [InlineData("logs/shop/web-1/web.txt", "hello", "scenario file logs/shop/web-1/web.txt: (path): container logs live at")]
    [InlineData("runbook-api/disk-full.md", "# Disk full\n\nFree space.\n", "scenario file runbook-api/disk-full.md: (front matter): must open the file")]
    [InlineData("runbook-api/disk-full.md", "---\ntitle: Disk full\nalerts: [DiskFull]\n---\n# Disk full\n", "scenario file runbook-api/disk-full.md: service: is required")]
    [InlineData("runbook-api/disk-full.md", "---\ntitle: Disk full\nservice: node\nalerts: []\n---\n# Disk full\n", "scenario file runbook-api/disk-full.md: alerts: needs at least one alert name")]
    [InlineData("runbook-api/disk-full.md", "---\ntitle: Disk full\nservice: node\nalerts: DiskFull\n---\n# Disk full\n", "scenario file runbook-api/disk-full.md: alerts: must be a list")]
    [InlineData("runbook-api/disk-full.md", "---\ntitle: Disk full\nservice: node\nalerts: [DiskFull]\nsevere: yes\n---\n# Disk full\n", "scenario file runbook-api/disk-full.md: severe: unknown field")]
    public void A_malformed_file_fails_with_one_line_naming_the_file_and_the_field(string file, string text, string expected)
    {
        Write("scenario.yaml", "name: x\ndescription: d\nnow: 2026-01-01T00:00:00Z\nfault_class: crash-loop\n");
        WriteGroundTruth();
        Write(file, text);

        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioLoader.Load(_folder, RunNow));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_generator_expands_ten_thousand_pods_with_stable_names_and_a_stranded_node()
    {
        Write("scenario.yaml", "name: big\ndescription: d\nnow: 2026-01-01T00:00:00Z\nfault_class: node-not-ready\n");
        Write("ground_truth.yaml", """
            apiVersion: itbench.io/v1
            kind: GroundTruth
            metadata: {name: t}
            spec:
              fault:
                - entity: {name: node-017, group_id: node, kind: Node}
                  condition: kubelet stopped
                  category: Infrastructure
                  fault_mechanism: node_failure
              groups:
                - {id: node, kind: Node, filter: ['^node-017$'], root_cause: true}
                - {id: shop, kind: Deployment, namespace: shop, filter: ['^cart-0\d\d$']}
            """);
        Write("kubernetes/generate.yaml", """
            nodes: {prefix: node-, count: 120, not_ready: [node-017]}
            workloads:
              - {namespace: shop, name: cart, count: 100, replicas: 50, image: registry.example.com/cart:1.2.3}
              - {namespace: shop, name: pay, replicas: 4, unhealthy: 2, state: crashloop, image: registry.example.com/pay:2.0.0, message: "fatal: no DB_URL"}
            """);

        var first = ScenarioLoader.Load(_folder, RunNow);
        var second = ScenarioLoader.Load(_folder, RunNow);

        Assert.Equal(5_004, first.PodCount);
        Assert.Equal(first.KubernetesObjects.Select(o => o.Name), second.KubernetesObjects.Select(o => o.Name));
        Assert.Contains(first.KubernetesObjects, o => o.Kind == "Pod" && o.Json["spec"]!["nodeName"]?.GetValue<string>() == "node-017"
            && o.Json["status"]!["conditions"]![1]!["status"]!.GetValue<string>() == "False");
        Assert.Equal(2, first.KubernetesObjects.Count(o => o.Kind == "Pod" && o.Name.StartsWith("pay-", StringComparison.Ordinal)
            && o.Json["status"]!["containerStatuses"]![0]!["lastState"]?["terminated"]?["message"]?.GetValue<string>() == "fatal: no DB_URL"));
        // Each workload's status counts its ready pods, as the controller would: a healthy one is all available
        // ('unhealthy' defaults to every replica but its state is running), one with pods on the NotReady node fewer,
        // a half-crashing one half.
        var readyPods = first.KubernetesObjects.Where(o => o.Kind == "Pod" && o.Json["status"]!["conditions"]!.AsArray().Any(c => c!["type"]!.GetValue<string>() == "Ready" && c["status"]!.GetValue<string>() == "True"))
            .GroupBy(o => o.Name[..o.Name.LastIndexOf('-', o.Name.LastIndexOf('-') - 1)], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var deployments = first.KubernetesObjects.Where(o => o.Kind == "Deployment").ToList();
        Assert.All(deployments, d => Assert.Equal(readyPods.GetValueOrDefault(d.Name), d.Json["status"]!["availableReplicas"]!.GetValue<int>()));
        Assert.Contains(deployments, d => d.Name.StartsWith("cart-", StringComparison.Ordinal) && d.Json["status"]!["readyReplicas"]!.GetValue<int>() == 50);
        Assert.Contains(deployments, d => d.Name.StartsWith("cart-", StringComparison.Ordinal) && d.Json["status"]!["readyReplicas"]!.GetValue<int>() is > 0 and < 50);
        Assert.Equal(2, deployments.Single(d => d.Name == "pay").Json["status"]!["readyReplicas"]!.GetValue<int>());
        Assert.Empty(ConsistencyCheck.Problems(first, ClusterNames.From(first.KubernetesObjects.Select(o => (o.Kind, o.Namespace, o.Name, o.Json)))));
    }

    [Fact]
    public void A_folder_without_a_catalog_fails_with_one_line_naming_the_file()
    {
        Write("scenario.yaml", "name: x\ndescription: d\nnow: 2026-01-01T00:00:00Z\nfault_class: crash-loop\n");
        WriteGroundTruth();
        File.Delete(Path.Combine(_folder, "catalog.yaml"));

        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioLoader.Load(_folder, RunNow));

        Assert.StartsWith("scenario file catalog.yaml: (file): is missing from ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_consistency_check_names_incident_sources_the_catalog_cannot_reach()
    {
        Write("scenario.yaml", "name: x\ndescription: d\nnow: 2026-01-01T00:00:00Z\nfault_class: crash-loop\n");
        WriteGroundTruth();
        Write("kubernetes/generate.yaml", "nodes: {count: 1}\nworkloads:\n  - {namespace: web, name: api, replicas: 1, image: r/api:1.0.0}\n");
        Write("pagerduty/incidents.json", """
            {"incidents":[{"id":"P1","incident_number":1,"title":"t","status":"triggered","urgency":"high","service":{"id":"PWEB01","summary":"web"},"created_at":"-1h"}]}
            """);
        Write("pagerduty/oncalls.json", """{"oncalls":[{"service":"PWEB02","escalation_level":1,"user":"ana"}]}""");
        Write("github/deployments.json", """
            {"deployments":[{"repository":"acme/web","id":7,"ref":"1.0.0","sha":"9f3c2e1ab4d5c6e7f8091a2b3c4d5e6f70819a2b","environment":"production","creator":"me",
              "created_at":"-2h","state":"success","payload":{"namespace":"web","workload":"api"}}]}
            """);

        var scenario = ScenarioLoader.Load(_folder, RunNow);
        var problems = ConsistencyCheck.Problems(scenario, ClusterNames.From(scenario.KubernetesObjects.Select(o => (o.Kind, o.Namespace, o.Name, o.Json))));

        Assert.Equal(
        [
            "pagerduty/incidents.json: incidents[0].service.id: 'PWEB01' is no catalog.yaml entity's pagerduty.com/service-id annotation",
            "pagerduty/oncalls.json: oncalls[0].service: 'PWEB02' is no catalog.yaml entity's pagerduty.com/service-id annotation",
            "github/deployments.json: deployments[0].repository: 'acme/web' is no catalog.yaml entity's github.com/project-slug annotation",
        ], problems.Where(p => !p.StartsWith("ground truth", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Tools take service= as a catalog name, and an investigator passes the service an alert names or the workload in
    /// trouble: node-not-ready-stranded's walk asked incident_timeline for service=ledger, which its catalog lacked.
    /// </summary>
    [Fact]
    public void The_consistency_check_names_services_of_the_incident_the_catalog_does_not_have()
    {
        Write("scenario.yaml", "name: x\ndescription: d\nnow: 2026-01-01T00:00:00Z\nfault_class: node-not-ready\n");
        Write("ground_truth.yaml", """
            apiVersion: itbench.io/v1
            kind: GroundTruth
            metadata: {name: t}
            spec:
              fault:
                - entity: {name: node-01, group_id: node, kind: Node}
                  condition: c
                  category: c
                  fault_mechanism: m
              groups:
                - {id: node, kind: Node, filter: ['^node-01$'], root_cause: true}
                - {id: api-pods, kind: Pod, namespace: web, filter: ['^api-']}
                - {id: ledger-pods, kind: Pod, namespace: finance, filter: ['^ledger-']}
                - {id: reports-pods, kind: Pod, namespace: batch, filter: ['^reports-']}
              alerts:
                - {id: KubeDeploymentReplicasMismatch, group_id: ledger-pods}
            """);
        Write("kubernetes/generate.yaml", """
            nodes: {count: 1}
            workloads:
              - {namespace: web, name: api, replicas: 2, image: r/api:1.0.0}
              - {namespace: finance, name: ledger, replicas: 1, image: r/ledger:5.2.1}
              - {namespace: batch, name: reports, replicas: 1, image: r/reports:1.0.0}
            """);
        Write("alerts/alerts.json", """
            {"status":"success","data":{"alerts":[
              {"labels":{"alertname":"KubeDeploymentReplicasMismatch","namespace":"finance","deployment":"ledger"},"state":"firing","activeAt":"-1h"},
              {"labels":{"alertname":"KubePodNotReady","namespace":"batch","deployment":"reports","service":"reports"},"state":"firing","activeAt":"-3d"}]}}
            """);
        Write("alerts/rules.yaml", """
            groups:
              - name: web
                rules:
                  - alert: CheckoutErrors
                    expr: 'sum(rate(http_requests_total{service="checkout",code=~"5.."}[5m])) > 0.05'
                  - alert: ApiErrors
                    expr: 'sum(rate(http_requests_total{service="api",code=~"5.."}[5m])) > 0.05'
                    labels: {service: api}
            """);
        Write("pagerduty/incidents.json", """
            {"incidents":[{"id":"P1","incident_number":1,"title":"t","status":"triggered","urgency":"high","service":{"id":"PSVC001","summary":"api"},"created_at":"-1h",
              "alerts":[{"id":"A1","summary":"s","status":"triggered","severity":"critical","created_at":"-1h","body":{"details":{"alertname":"WebErrors","service":"web-frontend"}}}]}]}
            """);

        var scenario = ScenarioLoader.Load(_folder, RunNow);
        var problems = ConsistencyCheck.Problems(scenario, ClusterNames.From(scenario.KubernetesObjects.Select(o => (o.Kind, o.Namespace, o.Name, o.Json))));

        // batch/reports only feels the incident (a ground-truth group no alert is about) and its firing alert is not
        // one the ground truth names: the catalog may leave it out.
        Assert.Equal(
        [
            "ground truth group ledger-pods: Deployment finance/ledger is no catalog.yaml entity's name",
            "alerts/alerts.json alert KubeDeploymentReplicasMismatch: deployment ledger is no catalog.yaml entity's name",
            "alert rule CheckoutErrors expression: service checkout is no catalog.yaml entity's name",
            "PagerDuty P1: service web-frontend is no catalog.yaml entity's name",
        ], problems);
    }

    [Fact]
    public void The_consistency_check_names_each_source_that_disagrees_with_the_cluster()
    {
        Write("scenario.yaml", "name: x\ndescription: d\nnow: 2026-01-01T00:00:00Z\nfault_class: node-not-ready\n");
        Write("ground_truth.yaml", """
            apiVersion: itbench.io/v1
            kind: GroundTruth
            metadata: {name: t}
            spec:
              fault:
                - entity: {name: node-01, group_id: node, kind: Node}
                  condition: c
                  category: c
                  fault_mechanism: m
              groups:
                - {id: node, kind: Node, filter: ['^node-01$'], root_cause: true}
                - {id: ghost, kind: Deployment, namespace: batch, filter: ['^report-builder$']}
              alerts:
                - {id: NodeDown, group_id: node}
            """);
        Write("kubernetes/generate.yaml", "nodes: {count: 3}\nworkloads:\n  - {namespace: web, name: api, replicas: 2, image: r/api:1.0.0}\n");
        Write("alerts/alerts.json", """
            {"status":"success","data":{"alerts":[
              {"labels":{"alertname":"KubeNodeNotReady","node":"worker-3"},"state":"firing","activeAt":"-1h"},
              {"labels":{"alertname":"KubePodCrashLooping","namespace":"web","pod":"api-7d9c5b-x2x4q"},"state":"firing","activeAt":"-1h"}]}}
            """);
        Write("alerts/silences.yaml", "silences:\n  - {matchers: {node: node-01}, startsAt: -70m, endsAt: +1h, createdBy: ops, comment: drain}\n");
        Write("pagerduty/incidents.json", """
            {"incidents":[{"id":"P1","incident_number":1,"title":"node down","status":"triggered","urgency":"high","service":{"id":"PPLAT01","summary":"platform"},
              "created_at":"-60m","alerts":[{"id":"A1","summary":"s","status":"triggered","severity":"critical","created_at":"-60m","body":{"details":{"node":"node-01"}}}]}]}
            """);
        Write("github/deployments.json", """
            {"deployments":[{"repository":"acme/api","id":7,"ref":"1.1.0","sha":"9f3c2e1ab4d5c6e7f8091a2b3c4d5e6f70819a2b","environment":"production","creator":"me",
              "created_at":"-2h","state":"success","payload":{"namespace":"web","workload":"api"}}]}
            """);

        var scenario = ScenarioLoader.Load(_folder, RunNow);
        var problems = ConsistencyCheck.Problems(scenario, ClusterNames.From(scenario.KubernetesObjects.Select(o => (o.Kind, o.Namespace, o.Name, o.Json))));

        Assert.Equal(
        [
            "alerts/alerts.json alert KubeNodeNotReady: node worker-3 is not in the cluster",
            "alerts/alerts.json alert KubePodCrashLooping: pod web/api-7d9c5b-x2x4q is not in the cluster",
            "PagerDuty P1 was opened while silence 'drain' covered its alert",
            "GitHub deployment 7 rolled out 1.1.0, but web/api runs only 1.0.0",
            "ground truth alert NodeDown is neither firing (alerts/alerts.json) nor a rule (alerts/rules.yaml)",
            "ground truth group ghost (Deployment in batch) matches no object in the cluster",
        ], problems);
    }

    /// <summary>The catalog every scenario needs: the services, repositories and PagerDuty services its incident sources name.</summary>
    private const string Catalog = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: api
          annotations: {github.com/project-slug: acme/api, pagerduty.com/service-id: PSVC001}
        spec: {owner: team-web}
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: platform
          annotations: {pagerduty.com/service-id: PPLAT01}
        """;

    private const string Head = "apiVersion: itbench.io/v1\nkind: GroundTruth\nmetadata: {name: x}\nspec:\n";

    private void WriteGroundTruth() => Write("ground_truth.yaml", """
        apiVersion: itbench.io/v1
        kind: GroundTruth
        metadata: {name: t}
        spec:
          fault:
            - entity: {name: a, group_id: a, kind: Pod}
              condition: c
              category: c
              fault_mechanism: m
          groups:
            - {id: a, kind: Pod, filter: ['^a'], root_cause: true}
        """);

    private void Write(string relative, string text)
    {
        if (relative == "scenario.yaml" && !File.Exists(Path.Combine(_folder, "catalog.yaml")))
            Write("catalog.yaml", Catalog);

        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
