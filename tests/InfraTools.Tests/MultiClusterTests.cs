using System.Text;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using SreSuite.KubeFixture;
using SreSuite.KubeFixture.Api;

namespace SreSuite.InfraTools.Tests;

/// <summary>
/// One InfraTools serving two fixture clusters (contexts <c>staging</c> and <c>production</c> from two explicit kubeconfigs),
/// with the allow-list, the per-call <c>context</c>, read-only production and the audit that names the context.
/// </summary>
public sealed class MultiClusterTests(DemoClusterServer demo)
{
    /// <summary>A deployment only staging has, so the same question gets a different answer from each side.</summary>
    private const string StagingOnly = "payments-api";

    [Fact]
    public async Task The_same_question_is_answered_by_each_cluster_side_by_side()
    {
        await using var clusters = await TwoClusters.StartAsync(new Dictionary<string, string?>());
        await using var client = await McpClients.ConnectHttpAsync(clusters.Server.McpUrl, Calls.Ct);

        var staging = await client.TextAsync("k8s_list", new() { ["kind"] = "deploy", ["namespace"] = "payments", ["context"] = "staging" });
        var production = await client.TextAsync("k8s_list", new() { ["kind"] = "deploy", ["namespace"] = "payments", ["context"] = "production" });
        var byDefault = await client.TextAsync("k8s_list", new() { ["kind"] = "deploy", ["namespace"] = "payments" });

        Assert.Contains(StagingOnly, staging, StringComparison.Ordinal);
        Assert.DoesNotContain(StagingOnly, production, StringComparison.Ordinal);
        Assert.Contains("ledger", production, StringComparison.Ordinal);
        Assert.Equal(staging, byDefault);
        // Each answer came from its own API server: two list calls reached staging (named and default), one production.
        Assert.Equal(2, clusters.Staging.Requests.All.Count(r => r.Path == "/apis/apps/v1/namespaces/payments/deployments"));
        Assert.Equal(1, clusters.Production.Requests.All.Count(r => r.Path == "/apis/apps/v1/namespaces/payments/deployments"));
    }

    [Fact]
    public async Task Tools_list_offers_the_allowed_contexts_and_stays_small()
    {
        await using var clusters = await TwoClusters.StartAsync(new Dictionary<string, string?>());
        await using var client = await McpClients.ConnectHttpAsync(clusters.Server.McpUrl, Calls.Ct);

        var tools = await client.ListToolsAsync(cancellationToken: Calls.Ct);
        var bytes = Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(new ListToolsResult { Tools = [.. tools.Select(t => t.ProtocolTool)] }, McpJsonUtilities.DefaultOptions));

        Assert.True(bytes <= 8000, $"tools/list is {bytes} bytes with two contexts");
        foreach (var tool in tools.Where(t => t.Name != "k8s_context"))
        {
            var context = tool.ProtocolTool.InputSchema.GetProperty("properties").GetProperty("context");
            Assert.Equal(["staging", "production"], context.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
            Assert.False(tool.ProtocolTool.InputSchema.TryGetProperty("required", out var required) && required.EnumerateArray().Any(r => r.GetString() == "context"));
        }

        Assert.False(tools.Single(t => t.Name == "k8s_context").ProtocolTool.InputSchema.GetProperty("properties").TryGetProperty("context", out _));
    }

    [Fact]
    public async Task One_cluster_lists_the_same_tools_as_before_with_no_context_argument()
    {
        await using var client = await demo.ConnectAsync(Calls.Ct);
        var tools = await client.ListToolsAsync(cancellationToken: Calls.Ct);

        Assert.NotEmpty(tools);
        Assert.All(tools, tool => Assert.False(tool.ProtocolTool.InputSchema.GetProperty("properties").TryGetProperty("context", out _), tool.Name));
    }

    [Fact]
    public async Task A_context_outside_the_list_is_refused_before_any_request_and_audited()
    {
        using var audit = new AuditLog();
        await using var clusters = await TwoClusters.StartAsync(audit.Settings);
        await using var client = await McpClients.ConnectHttpAsync(clusters.Server.McpUrl, Calls.Ct);
        var before = clusters.Staging.Requests.All.Count + clusters.Production.Requests.All.Count;

        var refused = await client.CallAsync("k8s_list_pods", new() { ["namespace"] = "payments", ["context"] = "dev" });
        var after = clusters.Staging.Requests.All.Count + clusters.Production.Requests.All.Count;
        await client.TextAsync("k8s_list_pods", new() { ["namespace"] = "payments", ["context"] = "production" });

        Assert.True(refused.IsError);
        Assert.Contains("context", refused.Text(), StringComparison.Ordinal);
        Assert.Contains("staging", refused.Text(), StringComparison.Ordinal);
        Assert.Equal(before, after);
        var records = await audit.RecordsAsync(2, Calls.Ct);
        var denied = records.Single(r => (string?)r["arguments"]?["context"] == "dev");
        Assert.Equal("invalid", (string?)denied["outcome"]);
        Assert.Equal("context dev", (string?)denied["backend"]);
        Assert.Equal("context production", (string?)records.Single(r => (string?)r["arguments"]?["context"] == "production")["backend"]);
    }

    [Fact]
    public async Task A_write_to_a_read_only_context_is_refused_even_with_the_tool_enabled()
    {
        using var audit = new AuditLog();
        await using var clusters = await TwoClusters.StartAsync(new Dictionary<string, string?>(audit.Settings)
        {
            ["Guardrails__EnableWriteTools"] = "k8s_scale",
            ["Kubernetes__WriteContexts"] = "staging",
        });
        await using var client = await McpClients.ConnectHttpAsync(clusters.Server.McpUrl, Calls.Ct, "2026-07-28");

        var refused = await client.CallAsync("k8s_scale", new() { ["workload"] = "ledger-writer", ["namespace"] = "payments", ["replicas"] = 0, ["context"] = "production" });
        var status = await client.TextAsync("k8s_context");

        Assert.True(refused.IsError);
        Assert.Contains("context production is read-only", refused.Text(), StringComparison.Ordinal);
        Assert.Contains("Writable: staging", refused.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain(clusters.Production.Requests.All, r => r.Path.Contains("/deployments", StringComparison.Ordinal));
        Assert.Contains("writable contexts: staging", status, StringComparison.Ordinal);
        var records = await audit.RecordsAsync(2, Calls.Ct);
        var record = records.Single(r => (string?)r["tool"] == "k8s_scale");
        Assert.Equal("denied", (string?)record["outcome"]);
        Assert.Equal("context production", (string?)record["backend"]);
    }

    [Fact]
    public async Task Without_write_contexts_no_context_is_writable()
    {
        await using var clusters = await TwoClusters.StartAsync(new Dictionary<string, string?> { ["Guardrails__EnableWriteTools"] = "k8s_delete_pod" });
        await using var client = await McpClients.ConnectHttpAsync(clusters.Server.McpUrl, Calls.Ct, "2026-07-28");

        var refused = await client.CallAsync("k8s_delete_pod", new() { ["pod"] = "anything", ["namespace"] = "payments", ["context"] = "staging" });

        Assert.True(refused.IsError);
        Assert.Contains("No context is writable", refused.Text(), StringComparison.Ordinal);
        Assert.All(clusters.Staging.Requests.All.Concat(clusters.Production.Requests.All), r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task Context_tool_and_health_report_every_context()
    {
        await using var clusters = await TwoClusters.StartAsync(new Dictionary<string, string?>());
        await using var client = await McpClients.ConnectHttpAsync(clusters.Server.McpUrl, Calls.Ct);
        await clusters.Production.DisposeAsync();

        var status = await client.TextAsync("k8s_context");
        using var http = new HttpClient();
        var health = await http.GetStringAsync(new Uri(clusters.Server.BaseUrl, "/health"), Calls.Ct);

        Assert.Contains("context: staging", status, StringComparison.Ordinal);
        Assert.Contains("contexts: staging, production; pass context=<name> to any tool, default staging", status, StringComparison.Ordinal);
        Assert.Contains($"context staging: server {clusters.Staging.Url.GetLeftPart(UriPartial.Authority)}, user sre-bot, namespace payments, writes refused, reachable, Kubernetes v1.31.4", status, StringComparison.Ordinal);
        Assert.Contains($"context production: server {clusters.Production.Url.GetLeftPart(UriPartial.Authority)}, user prod-reader, namespace payments, writes refused, unreachable", status, StringComparison.Ordinal);
        Assert.Contains("writable contexts: none", status, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(health);
        var checks = report.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("kubernetes:staging").GetProperty("status").GetString());
        Assert.Equal("Degraded", checks.GetProperty("kubernetes:production").GetProperty("status").GetString());
        Assert.Contains("context production: API server unreachable", checks.GetProperty("kubernetes:production").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_context_outside_the_list_stops_start_up()
    {
        await using var clusters = await TwoClusters.StartClustersAsync();
        await StartupAssertions.RefusesToStartNamingAsync("InfraTools", "Kubernetes__WriteContexts", new Dictionary<string, string?>(clusters.Settings)
        {
            ["Kubernetes__WriteContexts"] = "prod",
        });
    }

    [Fact]
    public async Task A_listed_context_missing_from_the_kubeconfig_stops_start_up()
    {
        await using var clusters = await TwoClusters.StartClustersAsync();
        await StartupAssertions.RefusesToStartNamingAsync("InfraTools", "Kubernetes__Contexts", new Dictionary<string, string?>(clusters.Settings)
        {
            ["Kubernetes__Contexts"] = "staging,dev",
        });
    }

    /// <summary>Two fixture clusters, each with its own kubeconfig, and optionally one InfraTools serving both.</summary>
    private sealed class TwoClusters : IAsyncDisposable
    {
        private ServerProcess? _server;
        private bool _productionStopped;

        private TwoClusters(KubeFixtureServer staging, KubeFixtureServer production)
        {
            Staging = staging;
            Production = new StoppableCluster(production, () => _productionStopped = true);
        }

        public KubeFixtureServer Staging { get; }

        public StoppableCluster Production { get; }

        public ServerProcess Server => _server ?? throw new InvalidOperationException("no server started");

        public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["KUBECONFIG"] = $"{Staging.KubeconfigPath}{Path.PathSeparator}{Production.Inner.KubeconfigPath}",
            ["Kubernetes__Contexts"] = "staging,production",
        };

        public static async Task<TwoClusters> StartClustersAsync()
        {
            var staging = await KubeFixtureServer.StartAsync(new KubeFixtureOptions { ContextName = "staging" }, Calls.Ct);
            var production = await KubeFixtureServer.StartAsync(new KubeFixtureOptions { ContextName = "production", User = "prod-reader", Token = "prod-token" }, Calls.Ct);
            production.Store.Remove(ApiResources.Deployments, "payments", StagingOnly);
            return new TwoClusters(staging, production);
        }

        public static async Task<TwoClusters> StartAsync(IReadOnlyDictionary<string, string?> environment)
        {
            var clusters = await StartClustersAsync();
            try
            {
                var settings = new Dictionary<string, string?>(clusters.Settings);
                foreach (var (name, value) in environment)
                    settings[name] = value;
                clusters._server = await ServerProcess.StartAsync("InfraTools", settings, Calls.Ct);
                return clusters;
            }
            catch
            {
                await clusters.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_server is not null)
                await _server.DisposeAsync();
            await Staging.DisposeAsync();
            if (!_productionStopped)
                await Production.Inner.DisposeAsync();
        }
    }

    /// <summary>The production fixture, which a test may stop to see it reported unreachable.</summary>
    private sealed class StoppableCluster(KubeFixtureServer inner, Action stopped) : IAsyncDisposable
    {
        public KubeFixtureServer Inner { get; } = inner;

        public Uri Url => Inner.Url;

        public KubeFixture.Api.RequestLog Requests => Inner.Requests;

        public async ValueTask DisposeAsync()
        {
            stopped();
            await Inner.DisposeAsync();
        }
    }
}
