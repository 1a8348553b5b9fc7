using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using SreSuite.InfraTools.Kubernetes;
using SreSuite.InfraTools.Triage;
using SreSuite.KubeFixture.Api;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Tests;

public sealed class LogDigestTests
{
    private static ToolDeadline Ample => new(TimeSpan.FromSeconds(30));

    /// <summary>A clock that moves on by <paramref name="step"/> each time it is read.</summary>
    private sealed class SteppingClock(TimeSpan step) : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref _ticks, step.Ticks);
    }

    [Fact]
    public void Identical_runs_collapse_with_a_count_and_near_identical_runs_keep_first_and_last()
    {
        var lines = LogDigest.Collapse(["start", "GET /healthz 200", "GET /healthz 200", "GET /healthz 200", "retry 1/5", "retry 2/5", "retry 3/5", "retry 4/5", "done"]);

        Assert.Equal(["start", "GET /healthz 200 [×3]", "retry 1/5", "  … 2 similar lines (differing only in numbers) …", "retry 4/5", "done"], lines);
    }

    [Fact]
    public void Timestamps_become_a_range_and_filters_apply_to_the_text()
    {
        const string log = "2026-03-01T10:00:00.000000000Z info: a 1\n2026-03-01T10:00:05.000000000Z warn: b\n2026-03-01T10:00:09.000000000Z info: c\n";

        var digest = LogDigest.Build(log, LogPattern.Parse("grep", "info"), LogPattern.Parse("exclude", "c$"), Ample, Calls.Ct);

        Assert.Equal(3, digest.Total);
        Assert.Equal(1, digest.Matched);
        Assert.Equal(["info: a 1"], digest.Lines);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero), digest.First);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 9, TimeSpan.Zero), digest.Last);
    }

    [Fact]
    public void Nested_quantifiers_without_lookarounds_run_in_linear_time_instead_of_timing_out()
    {
        var evil = new string('a', 50_000) + "!";

        var digest = LogDigest.Build(evil + "\n" + new string('a', 100) + "\n", LogPattern.Parse("grep", "(a+)+$"), null, Ample, Calls.Ct);

        Assert.Equal(1, digest.Matched);
    }

    [Fact]
    public void A_backtracking_only_pattern_that_explodes_on_one_line_is_a_time_out_naming_the_argument()
    {
        var evil = new string('a', 40) + "!";

        var refusal = Assert.Throws<ToolTimeoutException>(() => LogDigest.Build(evil + "\n", null, LogPattern.Parse("exclude", "^(a+)+(?=b)$"), Ample, Calls.Ct));

        Assert.StartsWith("exclude: the pattern took longer than 250 ms on one line (catastrophic backtracking)", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_whole_filter_stops_when_the_calls_time_runs_out_not_only_each_line()
    {
        // Every line is cheap, but each look at the clock finds 100 ms gone: a 1 s deadline ends the pass early.
        var clock = new SteppingClock(TimeSpan.FromMilliseconds(100));
        var deadline = new ToolDeadline(TimeSpan.FromSeconds(1), clock);
        var log = string.Concat(Enumerable.Range(1, 50).Select(i => $"2026-03-01T10:00:{i % 60:00}.000000000Z info: request {i} done\n"));

        var refusal = Assert.Throws<ToolTimeoutException>(() => LogDigest.Build(log, LogPattern.Parse("grep", "(?<=info: )request"), null, deadline, Calls.Ct));

        Assert.Matches(@"^grep: filtering stopped at the call's 1 s deadline after \d of 50 lines; the pattern is too slow for this log\. Simplify it", refusal.Message);
    }

    [Fact]
    public void A_linear_pattern_is_bounded_by_the_deadline_too()
    {
        var clock = new SteppingClock(TimeSpan.FromMilliseconds(300));
        var deadline = new ToolDeadline(TimeSpan.FromSeconds(1), clock);
        var log = string.Concat(Enumerable.Range(1, 20).Select(i => $"info: request {i} done\n"));
        var pattern = LogPattern.Parse("exclude", "request");

        var refusal = Assert.Throws<ToolTimeoutException>(() => LogDigest.Build(log, null, pattern, deadline, Calls.Ct));

        Assert.True(pattern!.IsLinear);
        Assert.StartsWith("exclude: filtering stopped at the call's 1 s deadline after ", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_filters_the_digest_does_not_look_at_the_clock()
    {
        var deadline = new ToolDeadline(TimeSpan.FromSeconds(1), new SteppingClock(TimeSpan.FromSeconds(2)));

        var digest = LogDigest.Build("a\nb\n", null, null, deadline, Calls.Ct);

        Assert.Equal(2, digest.Matched);
    }

    [Fact]
    public void An_invalid_pattern_is_refused_naming_the_argument()
    {
        var refusal = Assert.Throws<ToolInputException>(() => LogPattern.Parse("grep", "(unclosed"));

        Assert.StartsWith("grep: '(unclosed' is not a valid .NET regular expression", refusal.Message, StringComparison.Ordinal);
    }
}

public sealed class LogAnswerTests
{
    private static ToolDeadline Ample => new(TimeSpan.FromSeconds(30));

    private static string Render(string log)
    {
        var answer = new AnswerBuilder(8000);
        LogAnswer.Write(answer, LogDigest.Build(log, null, null, Ample, Calls.Ct), "logs of pod shop/web-1 container web", "pass grep");
        return answer.ToString();
    }

    private static string Stamp(int second) => DateTimeOffset.Parse("2026-03-01T10:00:00Z", CultureInfo.InvariantCulture).AddSeconds(second).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    [Fact]
    public void Two_hundred_near_identical_request_lines_with_ids_fit_in_2000_bytes_and_say_what_was_collapsed()
    {
        var random = new Random(11);
        var log = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            log.Append(CultureInfo.InvariantCulture, $"{Stamp(i * 5)} info: Microsoft.AspNetCore.Hosting.Diagnostics[2] Request finished HTTP/1.1 GET http://10.244.1.{random.Next(2, 250)}:8080/v1/orders/{random.Next():x8}{random.Next():x8} ");
            log.Append(CultureInfo.InvariantCulture, $"request_id={Guid.NewGuid()} trace={random.Next():x8}{random.Next():x8} - 200 - application/json {random.Next(3, 180)}.{random.Next(0, 9)}ms\n");
        }

        var text = Render(log.ToString());

        Assert.True(Calls.Bytes(text) <= 2000, $"{Calls.Bytes(text)} bytes:\n{text}");
        Assert.Contains("collapsed 200 lines into 1 template (numbers, hex ids, UUIDs, times, IPs masked)", text, StringComparison.Ordinal);
        Assert.True(text.Contains("×200 10:00:00–10:16:35Z info: Microsoft.AspNetCore.Hosting.Diagnostics[<num>] Request finished HTTP/<num> GET http://<ip>/v1/orders/<hex> request_id=<uuid> trace=<hex>", StringComparison.Ordinal), text);
        Assert.Contains("no error or warning lines; then the last 3 lines", text, StringComparison.Ordinal);
        Assert.Contains("last 3 lines, verbatim:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_crashing_log_keeps_every_distinct_error_line_verbatim_however_much_noise_surrounds_it()
    {
        var errors = new[]
        {
            "fail: Orders.Db[3] connection refused to postgres.data.svc:5432 after 3 attempts",
            "crit: Orders.Program[0] Unhandled exception. System.InvalidOperationException: pool exhausted",
            "E1206 10:01:02.123456 controller.go:114] failed to sync lease: context deadline exceeded",
            "panic: runtime error: invalid memory address or nil pointer dereference",
        };
        var log = new StringBuilder();
        var n = 0;
        for (var i = 0; i < 400; i++)
        {
            log.Append(CultureInfo.InvariantCulture, $"{Stamp(n++)} info: Orders.Worker[1] processed batch {i} rows=500 in {i % 37}ms id={i * 7919:x8}\n");
            if (i % 100 == 50)
                log.Append(CultureInfo.InvariantCulture, $"{Stamp(n++)} {errors[i / 100]}\n");
            if (i % 60 == 0)
                log.Append(CultureInfo.InvariantCulture, $"{Stamp(n++)} warn: Orders.Worker[2] queue depth {i} above 100; retrying\n");
        }

        var text = Render(log.ToString());

        foreach (var error in errors)
            Assert.Contains(error, text, StringComparison.Ordinal);
        Assert.Contains("warn: Orders.Worker[<num>] queue depth <num> above <num>; retrying", text, StringComparison.Ordinal);
        Assert.Contains("4 error templates and 1 warning template first", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf(errors[0], StringComparison.Ordinal) < text.IndexOf("processed batch <num>", StringComparison.Ordinal), text);
        Assert.Contains("info: Orders.Worker[1] processed batch 399 rows=500 in 29ms id=" + (399 * 7919).ToString("x8", CultureInfo.InvariantCulture) + "\n--- end untrusted text", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_log_is_shown_verbatim()
    {
        var text = Render($"{Stamp(0)} info: starting\n{Stamp(1)} fail: missing setting DB_URL\n");

        Assert.DoesNotContain("collapsed", text, StringComparison.Ordinal);
        Assert.Contains("info: starting\nfail: missing setting DB_URL", text, StringComparison.Ordinal);
    }
}

public sealed class KubernetesRequestTests
{
    [Theory]
    [InlineData("GET", "/api/v1/namespaces/payments/pods?limit=5", "list", "", "pods", null, "payments", null)]
    [InlineData("GET", "/api/v1/pods", "list", "", "pods", null, null, null)]
    [InlineData("GET", "/api/v1/namespaces/payments/pods/web-1/log?tailLines=5", "get", "", "pods", "log", "payments", "web-1")]
    [InlineData("GET", "/api/v1/watch/namespaces/payments/events", "watch", "", "events", null, "payments", null)]
    [InlineData("GET", "/api/v1/nodes?watch=true", "watch", "", "nodes", null, null, null)]
    [InlineData("GET", "/api/v1/namespaces/payments", "get", "", "namespaces", null, null, "payments")]
    [InlineData("GET", "/api/v1/namespaces/payments/status", "get", "", "namespaces", "status", null, "payments")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/payments/deployments/api/scale", "patch", "apps", "deployments", "scale", "payments", "api")]
    [InlineData("DELETE", "/api/v1/namespaces/payments/pods", "deletecollection", "", "pods", null, "payments", null)]
    [InlineData("GET", "/apis/metrics.k8s.io/v1beta1/nodes", "list", "metrics.k8s.io", "nodes", null, null, null)]
    [InlineData("GET", "/api/v1/namespaces/payments/%73ecrets", "list", "", "secrets", null, "payments", null)]
    public void Requests_are_read_as_the_api_servers_request_info(string method, string path, string verb, string group, string resource, string? subresource, string? ns, string? name)
    {
        var request = KubernetesRequest.Parse(new HttpMethod(method), new Uri("http://127.0.0.1:6443" + path))!;

        Assert.Equal(new KubernetesRequest(verb, group, resource, subresource, ns, name), request);
    }

    [Theory]
    [InlineData("/version")]
    [InlineData("/api")]
    [InlineData("/apis/apps/v1")]
    public void Discovery_paths_touch_no_resource(string path) =>
        Assert.True(KubernetesRequest.Parse(HttpMethod.Get, new Uri("http://127.0.0.1" + path))!.IsDiscovery);

    [Fact]
    public void Paths_outside_the_api_are_not_requests() =>
        Assert.Null(KubernetesRequest.Parse(HttpMethod.Get, new Uri("http://127.0.0.1/healthz")));

    [Fact]
    public void A_request_describes_itself_in_rbac_terms() =>
        Assert.Equal("patch deployments.apps/scale api in namespace payments",
            KubernetesRequest.Parse(HttpMethod.Patch, new Uri("http://127.0.0.1/apis/apps/v1/namespaces/payments/deployments/api/scale"))!.Describe());
}

public sealed class AccessPolicyTests
{
    [Theory]
    [InlineData("secrets", true)]
    [InlineData("secret", true)]
    [InlineData("Secrets", true)]
    [InlineData(" SECRET ", true)]
    [InlineData("secretproviderclasses", false)]
    [InlineData("configmaps", false)]
    public void Secrets_are_recognised_in_every_spelling(string resource, bool secret) =>
        Assert.Equal(secret, KubernetesAccessPolicy.IsSecret(resource));

    [Theory]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/p/deployments/a", "k8s_rollout_restart")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/p/daemonsets/a", "k8s_rollout_restart")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/p/statefulsets/a/scale", "k8s_scale")]
    [InlineData("DELETE", "/api/v1/namespaces/p/pods/a", "k8s_delete_pod")]
    [InlineData("DELETE", "/apis/apps/v1/namespaces/p/deployments/a", null)]
    [InlineData("PATCH", "/api/v1/namespaces/p/pods/a", null)]
    [InlineData("POST", "/api/v1/namespaces/p/pods", null)]
    public void Each_change_belongs_to_exactly_one_write_tool(string method, string path, string? tool) =>
        Assert.Equal(tool, KubernetesAccessPolicy.WriteToolFor(KubernetesRequest.Parse(new HttpMethod(method), new Uri("http://127.0.0.1" + path))!));

    [Fact]
    public void Read_only_mode_refuses_even_an_enabled_write_tool()
    {
        var uri = new Uri("http://127.0.0.1/api/v1/namespaces/p/pods/a");
        var policy = new ToolPolicyOptions { EnableWriteTools = "k8s_delete_pod", ReadOnly = true };

        var refusal = Assert.Throws<ToolFailureException>(() => KubernetesAccessPolicy.Check(KubernetesRequest.Parse(HttpMethod.Delete, uri), uri, policy));

        Assert.Contains("k8s_delete_pod is not enabled", refusal.Message, StringComparison.Ordinal);
    }
}

public sealed class ResponseScrubberTests
{
    [Fact]
    public void Managed_fields_last_applied_and_credential_literals_are_removed_everywhere()
    {
        var list = JsonNode.Parse("""
            {"kind":"PodList","items":[{"metadata":{"name":"a","managedFields":[{"manager":"kubectl"}],
              "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"stringData\":{\"p\":\"x\"}}","team":"pay"}},
              "spec":{"containers":[{"name":"c","env":[{"name":"DB_PASSWORD","value":"hunter2"},{"name":"LOG_LEVEL","value":"info"},
              {"name":"API_KEY","valueFrom":{"secretKeyRef":{"name":"s","key":"k"}}}]}]}}]}
            """);

        Assert.True(ResponseScrubber.TryScrub(list));

        var text = list!.ToJsonString();
        Assert.DoesNotContain("managedFields", text, StringComparison.Ordinal);
        Assert.DoesNotContain("last-applied", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.Contains("\"team\":\"pay\"", text, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"info\"", text, StringComparison.Ordinal);
        Assert.Contains("\"secretKeyRef\":{\"name\":\"s\",\"key\":\"k\"}", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"kind":"Secret","apiVersion":"v1","metadata":{"name":"s"},"data":{"p":"aHVudGVyMg=="}}""")]
    [InlineData("""{"kind":"SecretList","apiVersion":"v1","items":[]}""")]
    [InlineData("""{"kind":"List","items":[{"kind":"Secret","stringData":{"p":"x"}}]}""")]
    public void Secret_data_is_refused_wherever_it_appears(string json) =>
        Assert.False(ResponseScrubber.TryScrub(JsonNode.Parse(json)));

    [Fact]
    public void A_reference_to_a_secret_is_not_secret_data() =>
        Assert.True(ResponseScrubber.TryScrub(JsonNode.Parse("""{"kind":"Event","involvedObject":{"kind":"Secret","name":"tls"},"message":"updated"}""")));

    [Theory]
    [InlineData("""{"kind":"Secret","apiVersion":"v1","metadata":{"name":"s"},"data":{"p":"aHVudGVyMg=="}}""")]
    [InlineData("""{"kind":"SecretList","apiVersion":"v1","items":[]}""")]
    [InlineData("""{"kind":"List","items":[{"kind":"Secret","stringData":{"p":"x"}}]}""")]
    [InlineData("""{"kind":"List","items":[{"data":{"p":"x"},"kind":"Secret"}]}""")]
    [InlineData("""{"kind":"List","items":[{"kind":"Secr\u0065t","data":{"p":"x"}}]}""")]
    [InlineData("""{"kind":"List","items":[{"spec":{"env":[{"name":"x","kind":"Secret","data":{"p":"x"}}]}}]}""")]
    public void The_streaming_pass_refuses_secret_data_wherever_it_appears(string json) =>
        Assert.Null(ResponseScrubber.Scrub(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("""{"kind":"Event","involvedObject":{"kind":"Secret","name":"tls"},"message":"updated"}""")]
    [InlineData("""{"kind":"PodList","items":[{"metadata":{"name":"a","managedFields":[{"manager":"kubectl","fieldsV1":{"f:metadata":{}}}],"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}},"spec":{"containers":[{"name":"c","env":[{"value":"hunter2","name":"DB_PASSWORD"},{"name":"LOG_LEVEL","value":"info"}]}]}}]}""")]
    [InlineData("""{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}","team":"pay"},"labels":{"app":"x"}},"items":[{"metadata":null},{"metadata":"text","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"kept: not under metadata"}}]}""")]
    [InlineData("""{"metadata":{"annotations":null,"managedFields":null,"ownerReferences":[{"kind":"ReplicaSet","metadata":{"managedFields":[1]}}]}}""")]
    [InlineData("""{"spec":{"env":{"name":"not an array"},"containers":[{"env":[{"name":"API_KEY","value":{"nested":"object"}},{"name":"GITHUB_TOKEN","value":"ghp_x"}]}]}}""")]
    [InlineData("""{"s":"caf\u00e9 \"quoted\" \\ \n tab\t <b>&amp;</b>","n":[1,-2.5e3,0.000001,123456789012345678901234567890],"b":[true,false,null],"e\u0078":"escaped name","u":"日本語 ✓"}""")]
    [InlineData("""[{"metadata":{"managedFields":[]}},[],{},"x",1,null]""")]
    [InlineData("""42""")]
    [InlineData("""{"kind":{"nested":"kind"},"items":[]}""")]
    public void The_streaming_pass_answers_what_the_whole_document_pass_answers(string json)
    {
        var whole = JsonNode.Parse(json);
        Assert.True(ResponseScrubber.TryScrub(whole));

        var streamed = ResponseScrubber.Scrub(Encoding.UTF8.GetBytes(json));

        Assert.NotNull(streamed);
        Assert.True(JsonNode.DeepEquals(whole, JsonNode.Parse(streamed)), $"whole: {whole?.ToJsonString()}\nstreamed: {Encoding.UTF8.GetString(streamed)}");
    }

    [Theory]
    [InlineData("""{"items":[""")]
    [InlineData("""not json""")]
    [InlineData("""{"a":1}{"b":2}""")]
    [InlineData("""{"kind":"Pod","kind":"Secret","data":{"p":"x"}}""")]
    public void Malformed_json_is_an_error_not_a_partial_answer(string json) =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => ResponseScrubber.Scrub(Encoding.UTF8.GetBytes(json)));
}

public sealed class FormattingTests
{
    [Fact]
    public void Yaml_quotes_what_a_yaml_reader_would_misread()
    {
        var yaml = string.Join('\n', CompactYaml.Lines(JsonNode.Parse("""
            {"a":"True","b":"8080","c":"x: y","d":"","e":"plain","f":[1,{"g":"h","i":[]}],"j":{},"k":null,"l":"two\nlines"}
            """)));

        Assert.Equal("a: \"True\"\nb: \"8080\"\nc: \"x: y\"\nd: \"\"\ne: plain\nf:\n- 1\n- g: h\n  i: []\nj: {}\nk: null\nl: \"two\\nlines\"", yaml);
    }

    [Theory]
    [InlineData("250m", 0.25)]
    [InlineData("1534789n", 0.001534789)]
    [InlineData("2", 2)]
    [InlineData("512Mi", 536870912)]
    [InlineData("15060000Ki", 15421440000)]
    [InlineData("1.5G", 1.5e9)]
    public void Quantities_parse_to_base_units(string quantity, double expected) =>
        Assert.Equal(expected, Quantities.Parse(quantity)!.Value, 6);

    [Theory]
    [InlineData("15m", 900)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    public void Windows_parse(string text, int seconds) => Assert.Equal(TimeSpan.FromSeconds(seconds), Lookback.Parse(text));

    [Theory]
    [InlineData("15")]
    [InlineData("0m")]
    [InlineData("2w")]
    [InlineData("-5m")]
    public void Malformed_windows_do_not_parse(string text) => Assert.Null(Lookback.Parse(text));
}

/// <summary>Pod summaries computed from the fixture's realistic pod objects, deserialized by the real client models.</summary>
public sealed class PodSummaryTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_problem_of_the_story_is_classified()
    {
        await using var cluster = await KubeFixture.KubeFixtureServer.StartAsync(new() { Now = Now }, Calls.Ct);
        var pods = cluster.Store.List(ApiResources.Pods, null)
            .Select(p => KubernetesJson.Deserialize<V1Pod>(p.Object.ToJsonString()))
            .Select(p => PodSummary.From(p, Now))
            .ToList();

        var problems = pods.Where(p => p.Problem is not null).GroupBy(p => p.Problem!).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(new Dictionary<string, int>
        {
            ["CrashLoopBackOff"] = 2,
            ["CrashLoopBackOff(OOMKilled)"] = 1,
            ["OOMKilled"] = 1,
            ["ImagePullBackOff"] = 1,
            ["Unschedulable"] = 1,
            ["NotReady"] = 4,
        }, problems);
        var crash = pods.First(p => p.Problem == "CrashLoopBackOff");
        Assert.Equal("Error(1)", crash.LastTermination);
        Assert.Equal("1/2", string.Create(CultureInfo.InvariantCulture, $"{crash.Ready}/{crash.Containers}"));
        Assert.All(pods.Where(p => p.Name.StartsWith("reconciliation-", StringComparison.Ordinal)), p => Assert.Equal("Completed", p.Status));
    }

    [Fact]
    public void An_old_pod_that_began_crash_looping_recently_is_failing_since_it_stopped_being_ready_not_since_it_was_created()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "payouts-worker-7f9c-abcde", NamespaceProperty = "finance", CreationTimestamp = Now.AddDays(-12).UtcDateTime },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "worker" }], NodeName = "node-01" },
            Status = new V1PodStatus
            {
                Phase = "Running",
                Conditions = [new V1PodCondition { Type = "Ready", Status = "False", LastTransitionTime = Now.AddMinutes(-45).UtcDateTime }],
                ContainerStatuses =
                [
                    new V1ContainerStatus
                    {
                        Name = "worker", Ready = false, RestartCount = 9, Image = "i", ImageID = "i",
                        State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff" } },
                        LastState = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 1, Reason = "Error", FinishedAt = Now.AddMinutes(-2).UtcDateTime } },
                    },
                ],
            },
        };

        var summary = PodSummary.From(pod, Now);
        var affected = AffectedWorkload.Group([(pod, summary)], [], new Dictionary<string, int>());

        Assert.Equal("CrashLoopBackOff", summary.Problem);
        Assert.Equal(Now.AddMinutes(-45), summary.TroubleSince);
        Assert.Equal(Now.AddMinutes(-45), Assert.Single(affected).Since);
    }
}

/// <summary>An autoscaler held at its maximum: the workload has every replica it may have, and still too few for its load.</summary>
public sealed class AutoscalerAtMaximumTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(6, "True", true)]
    [InlineData(4, "True", false)]
    [InlineData(6, "False", false)]
    public void A_workload_whose_autoscaler_is_limited_at_its_maximum_is_affected(int current, string limited, bool affected)
    {
        var deployment = new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "checkout", NamespaceProperty = "shop" },
            Spec = new V1DeploymentSpec { Replicas = current, Selector = new V1LabelSelector(), Template = new V1PodTemplateSpec() },
            Status = new V1DeploymentStatus { Replicas = current, AvailableReplicas = current, UpdatedReplicas = current },
        };
        var hpa = new V2HorizontalPodAutoscaler
        {
            Metadata = new V1ObjectMeta { Name = "checkout", NamespaceProperty = "shop" },
            Spec = new V2HorizontalPodAutoscalerSpec { MaxReplicas = 6, ScaleTargetRef = new V2CrossVersionObjectReference { Kind = "Deployment", Name = "checkout", ApiVersion = "apps/v1" } },
            Status = new V2HorizontalPodAutoscalerStatus
            {
                CurrentReplicas = current,
                DesiredReplicas = current,
                CurrentMetrics = [new V2MetricStatus { Type = "Resource", Resource = new V2ResourceMetricStatus { Name = "cpu", Current = new V2MetricValueStatus { AverageUtilization = 190 } } }],
                Conditions = [new V2HorizontalPodAutoscalerCondition { Type = "ScalingLimited", Status = limited, Reason = "TooManyReplicas", Message = "the desired replica count is more than the maximum replica count", LastTransitionTime = Now.AddMinutes(-40).UtcDateTime }],
            },
        };

        var report = UnhealthyReport.Build([], [], [deployment], [], [], Now, [hpa]);

        if (!affected)
        {
            Assert.Empty(report.Affected);
            return;
        }

        var workload = Assert.Single(report.Affected);
        Assert.Equal(("shop", "deployment", "checkout"), (workload.Namespace, workload.Kind, workload.Name));
        Assert.Equal("autoscaler checkout at maximum 6 replicas for 40m (ScalingLimited TooManyReplicas); cpu 190% of request", workload.Note);
    }
}
