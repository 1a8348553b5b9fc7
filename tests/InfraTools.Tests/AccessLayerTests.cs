using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SreSuite.InfraTools.Kubernetes;
using SreSuite.KubeFixture;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Tests;

/// <summary>
/// The Kubernetes access layer on its own: the real <see cref="KubernetesAccessHandler"/> in an HttpClient talking
/// to the fixture over HTTP, proving what it refuses never leaves and what it sends is only what settings say.
/// </summary>
public sealed class AccessLayerTests : IAsyncLifetime
{
    private static readonly SecretScrubber Scrubber = new(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());

    private KubeFixtureServer _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await KubeFixtureServer.StartAsync(cancellationToken: Calls.Ct);

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Theory]
    [InlineData("GET", "/api/v1/secrets")]
    [InlineData("GET", "/api/v1/secrets?limit=500")]
    [InlineData("GET", "/api/v1/namespaces/payments/secrets")]
    [InlineData("GET", "/api/v1/namespaces/payments/secrets/payments-db-credentials")]
    [InlineData("GET", "/api/v1/watch/secrets")]
    [InlineData("GET", "/api/v1/watch/namespaces/payments/secrets/payments-db-credentials")]
    [InlineData("GET", "/api/v1/secrets?watch=true")]
    [InlineData("GET", "/api/v1/namespaces/payments/%73ecrets")]
    [InlineData("GET", "/api/v1/namespaces/payments/Secrets")]
    [InlineData("GET", "/apis/example.com/v1/namespaces/payments/secrets")]
    [InlineData("GET", "/api/v1/namespaces/payments/pods/payments-api-x/exec?command=env")]
    [InlineData("POST", "/api/v1/namespaces/payments/serviceaccounts/default/token")]
    [InlineData("GET", "/api/v1/nodes/node-01/proxy/configz")]
    [InlineData("DELETE", "/api/v1/namespaces/payments/pods")]
    [InlineData("PATCH", "/api/v1/namespaces/payments/configmaps/payments-api-config")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/payments/deployments/payments-api")]
    [InlineData("GET", "/healthz")]
    public async Task Refused_requests_never_reach_the_api_server(string method, string path)
    {
        using var http = Client(new KubernetesOptions());
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(_cluster.Url, path));

        var refusal = await Assert.ThrowsAsync<ToolFailureException>(() => http.SendAsync(request, Calls.Ct));

        Assert.StartsWith("refused: ", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(_cluster.Requests.All);
    }

    [Fact]
    public async Task Only_the_configured_identity_is_impersonated_whatever_the_caller_sends()
    {
        using var http = Client(new KubernetesOptions { ImpersonateUser = "sre-readonly", ImpersonateGroup = "sre-oncall" });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_cluster.Url, "/api/v1/namespaces/payments/pods?limit=1"));
        request.Headers.Add("Impersonate-User", "system:admin");
        request.Headers.Add("Impersonate-Group", "system:masters");
        request.Headers.Add("impersonate-uid", "0");
        request.Headers.Add("Impersonate-Extra-scopes", "cluster-admin");

        using var response = await http.SendAsync(request, Calls.Ct);

        response.EnsureSuccessStatusCode();
        var received = Assert.Single(_cluster.Requests.All);
        Assert.Equal(["sre-readonly"], received.Header("Impersonate-User"));
        Assert.Equal(["sre-oncall"], received.Header("Impersonate-Group"));
        Assert.DoesNotContain(received.Headers.Keys, h => h.StartsWith("Impersonate-", StringComparison.OrdinalIgnoreCase) && h is not ("Impersonate-User" or "Impersonate-Group"));
    }

    [Fact]
    public async Task Without_impersonation_settings_no_impersonation_header_leaves()
    {
        using var http = Client(new KubernetesOptions());
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_cluster.Url, "/api/v1/namespaces/payments/pods?limit=1"));
        request.Headers.Add("Impersonate-User", "system:admin");

        using var response = await http.SendAsync(request, Calls.Ct);

        response.EnsureSuccessStatusCode();
        Assert.DoesNotContain(Assert.Single(_cluster.Requests.All).Headers.Keys, h => h.StartsWith("Impersonate-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Answers_reach_the_caller_without_managed_fields_or_last_applied()
    {
        using var http = Client(new KubernetesOptions());
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_cluster.Url, "/apis/apps/v1/namespaces/payments/deployments/payments-api"));

        using var response = await http.SendAsync(request, Calls.Ct);
        var body = await response.Content.ReadAsStringAsync(Calls.Ct);

        Assert.Contains("\"name\":\"payments-api\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("managedFields", body, StringComparison.Ordinal);
        Assert.DoesNotContain("last-applied-configuration", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/pods")]
    [InlineData("/api/v1/nodes")]
    [InlineData("/api/v1/events")]
    [InlineData("/api/v1/configmaps")]
    [InlineData("/api/v1/services")]
    [InlineData("/apis/apps/v1/deployments")]
    [InlineData("/apis/apps/v1/replicasets")]
    [InlineData("/apis/apps/v1/namespaces/payments/controllerrevisions")]
    [InlineData("/apis/batch/v1/jobs")]
    [InlineData("/apis/metrics.k8s.io/v1beta1/pods")]
    public async Task Every_object_the_fixture_cluster_serves_is_scrubbed_alike_by_the_streaming_and_the_whole_document_pass(string path)
    {
        using var http = new HttpClient { BaseAddress = _cluster.Url };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _cluster.Options.Token);
        var raw = await http.GetByteArrayAsync(new Uri(path, UriKind.Relative), Calls.Ct);
        var whole = System.Text.Json.Nodes.JsonNode.Parse(raw);
        Assert.True(ResponseScrubber.TryScrub(whole));

        var streamed = ResponseScrubber.Scrub(raw);

        Assert.NotNull(streamed);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(whole, System.Text.Json.Nodes.JsonNode.Parse(streamed)));
        Assert.Equal(-1, streamed.AsSpan().IndexOf("managedFields"u8));
        Assert.Equal(-1, streamed.AsSpan().IndexOf("kubectl.kubernetes.io/last-applied-configuration"u8));
    }

    [Fact]
    public async Task A_write_is_refused_unless_its_tool_is_enabled_and_allowed_once_it_is()
    {
        using var disabled = Client(new KubernetesOptions());
        using var enabled = Client(new KubernetesOptions(), writeTools: "k8s_scale");
        var path = new Uri(_cluster.Url, "/apis/apps/v1/namespaces/payments/deployments/payments-api/scale");
        HttpRequestMessage Patch() => new(HttpMethod.Patch, path) { Content = new StringContent("{\"spec\":{\"replicas\":3}}", null, "application/merge-patch+json") };

        using var refusedRequest = Patch();
        var refusal = await Assert.ThrowsAsync<ToolFailureException>(() => disabled.SendAsync(refusedRequest, Calls.Ct));
        using var allowedRequest = Patch();
        using var response = await enabled.SendAsync(allowedRequest, Calls.Ct);

        Assert.Contains("k8s_scale is not enabled", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Guardrails__EnableWriteTools=k8s_scale", refusal.Message, StringComparison.Ordinal);
        response.EnsureSuccessStatusCode();
        Assert.Equal("PATCH", Assert.Single(_cluster.Requests.All).Method);
    }

    [Fact]
    public async Task An_api_server_that_sends_headers_then_stalls_the_body_gets_the_clear_timeout_answer()
    {
        // A real socket that answers 200 with its headers at once, then stalls mid-body: the access layer reads the
        // body to scrub it, and the one bound must cover that read, or the client's own timeout fires first and the
        // caller hears a bare "operation was canceled".
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Calls.Ct);
        var server = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync(stop.Token);
            var buffer = new byte[8192];
            await socket.ReceiveAsync(buffer, stop.Token);
            await socket.SendAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"kind\":\"PodList\",\"items\":["u8.ToArray(), stop.Token);
            await Task.Delay(Timeout.Infinite, stop.Token);
        }, stop.Token);
        using var client = Client(new KubernetesOptions { TimeoutSeconds = 1 });

        var failure = await Assert.ThrowsAsync<ToolFailureException>(() =>
            client.GetAsync(new Uri($"http://127.0.0.1:{port}/api/v1/namespaces/payments/pods"), Calls.Ct));

        Assert.Contains("did not answer within 1s", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Kubernetes__TimeoutSeconds", failure.Message, StringComparison.Ordinal);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => server);
    }

    private HttpClient Client(KubernetesOptions options, string? writeTools = null)
    {
        var policy = new ServiceCollection()
            .AddOptions<ToolPolicyOptions>().Configure(p => p.EnableWriteTools = writeTools).Services
            .BuildServiceProvider()
            .GetRequiredService<IOptionsMonitor<ToolPolicyOptions>>();
        var handler = new KubernetesAccessHandler(options, policy, "demo", Scrubber) { InnerHandler = new SocketsHttpHandler() };
        var http = new HttpClient(handler);
        http.DefaultRequestHeaders.Authorization = new("Bearer", _cluster.Options.Token);
        return http;
    }
}
