using System.Net.Http.Headers;
using System.Text;
using SreSuite.MonitoringFixture;

namespace SreSuite.ObservabilityTools.Tests;

/// <summary>
/// Auth to the backends, end to end: a real Prometheus that requires basic auth (its own web config), and the
/// demo Prometheus and Alertmanager behind a gateway that wants a bearer token and a tenant. Secrets never
/// appear in answers or in the server's log.
/// </summary>
public sealed class BackendAuthIntegrationTests(RealMonitoring stack)
{
    private const string Token = "sresuite-test-token-5d1c9b";
    private const string Tenant = "team-payments";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Basic_auth_reaches_a_prometheus_that_requires_it_and_the_password_stays_secret()
    {
        var password = $"pw-{Guid.NewGuid():N}";
        await using var prometheus = await BasicAuthPrometheus.StartAsync("sre", password);
        var environment = new Dictionary<string, string?>
        {
            ["PROMETHEUS_URL"] = prometheus.Url.ToString(),
            ["Prometheus__Username"] = "sre",
            ["PROMETHEUS_PASSWORD"] = password,
        };
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", environment, Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var status = await client.CallAsync("prom_status");
        var query = await client.CallAsync("prom_query", ("query", "vector(42)"));

        Assert.Contains("prometheus auth: basic as 'sre' (password from PROMETHEUS_PASSWORD)\n", status.Text, StringComparison.Ordinal);
        Assert.Matches(@"prometheus version: Prometheus \d+\.\d+", status.Text);
        Assert.Matches(@"^vector at \S+: 1 series\n42 \{\}$", query.Text);
        Assert.DoesNotContain(password, status.Text + query.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(password, string.Join('\n', server.Output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_a_clean_refusal_that_names_the_settings_not_the_password()
    {
        await using var prometheus = await BasicAuthPrometheus.StartAsync("sre", $"pw-{Guid.NewGuid():N}");
        const string wrong = "wrong-password-31f2";
        var environment = new Dictionary<string, string?>
        {
            ["PROMETHEUS_URL"] = prometheus.Url.ToString(),
            ["Prometheus__Auth"] = "basic",
            ["Prometheus__Username"] = "sre",
            ["PROMETHEUS_PASSWORD"] = wrong,
        };
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", environment, Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var answer = await client.CallAsync("prom_query_range", ("query", "up"));

        Assert.True(answer.IsError);
        Assert.StartsWith("Prometheus refused the request (HTTP 401); its credentials are wrong or missing: check Prometheus__Auth", answer.Text, StringComparison.Ordinal);
        Assert.Contains("(auth now: basic as 'sre' (password from PROMETHEUS_PASSWORD))", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, answer.Text + string.Join('\n', server.Output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bearer_token_and_tenant_reach_prometheus_through_a_gateway_and_status_shows_only_the_tenant()
    {
        await using var gateway = new AuthenticatingProxy(stack.PrometheusUrl, Token, Tenant);
        var environment = new Dictionary<string, string?>
        {
            ["PROMETHEUS_URL"] = gateway.Url.ToString(),
            ["PROMETHEUS_TOKEN"] = Token,
            ["Prometheus__TenantId"] = Tenant,
            ["Prometheus__Headers__X-Request-Source"] = "sresuite-tests",
        };
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", environment, Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var status = await client.CallAsync("prom_status");
        var range = await client.CallAsync("prom_query_range", ("query", DemoQueries.ErrorRateByService), ("start", "now-3h"));

        Assert.Contains("prometheus auth: bearer token from PROMETHEUS_TOKEN; extra headers X-Request-Source (values hidden)\n", status.Text, StringComparison.Ordinal);
        Assert.Contains($"prometheus tenant: X-Scope-OrgID: {Tenant}\n", status.Text, StringComparison.Ordinal);
        Assert.Matches(@"prometheus version: Prometheus \d+\.\d+", status.Text);
        Assert.False(range.IsError, range.Text);
        Assert.Contains(": 5 series x ", range.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, status.Text + range.Text + string.Join('\n', server.Output), StringComparison.Ordinal);
        Assert.DoesNotContain("sresuite-tests", status.Text, StringComparison.Ordinal);
        Assert.All(gateway.Requests, headers =>
        {
            Assert.Equal(Tenant, headers["X-Scope-OrgID"]);
            Assert.Equal($"Bearer {Token}", headers["Authorization"]);
            Assert.Equal("sresuite-tests", headers["X-Request-Source"]);
        });
    }

    [Fact]
    public async Task Without_the_tenant_a_multi_tenant_gateway_refuses_and_the_answer_says_which_settings_to_check()
    {
        await using var gateway = new AuthenticatingProxy(stack.PrometheusUrl, Token, Tenant);
        var environment = new Dictionary<string, string?> { ["PROMETHEUS_URL"] = gateway.Url.ToString(), ["PROMETHEUS_TOKEN"] = Token };
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", environment, Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var answer = await client.CallAsync("prom_query", ("query", "up"));

        Assert.True(answer.IsError);
        Assert.Contains("Prometheus__TenantId", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alertmanager_takes_its_own_token_and_tenant()
    {
        await using var gateway = new AuthenticatingProxy(stack.AlertmanagerUrl, Token, Tenant);
        var environment = new Dictionary<string, string?>
        {
            ["ALERTMANAGER_URL"] = gateway.Url.ToString(),
            ["ALERTMANAGER_TOKEN"] = Token,
            ["Alertmanager__TenantId"] = Tenant,
        };
        await using var server = await ServerProcess.StartAsync("ObservabilityTools", environment, Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var status = await client.CallAsync("prom_status");
        var silences = await client.CallAsync("am_silences");

        Assert.Contains("alertmanager auth: bearer token from ALERTMANAGER_TOKEN\n", status.Text, StringComparison.Ordinal);
        Assert.Contains($"alertmanager tenant: X-Scope-OrgID: {Tenant}", status.Text, StringComparison.Ordinal);
        Assert.Contains(stack.Silences.NodeMaintenance, silences.Text, StringComparison.Ordinal);
        Assert.NotEmpty(gateway.Requests);
    }

    [Theory]
    [InlineData("Prometheus__Auth", "digest", null)]
    [InlineData("PROMETHEUS_TOKEN", null, "bearer")]
    [InlineData("PROMETHEUS_PASSWORD", null, "basic")]
    public Task Inconsistent_auth_settings_stop_the_server_naming_the_setting(string setting, string? value, string? mode)
    {
        var environment = new Dictionary<string, string?> { ["PROMETHEUS_URL"] = "http://127.0.0.1:9" };
        if (value is not null)
            environment[setting] = value;
        if (mode is not null)
            environment["Prometheus__Auth"] = mode;
        environment["Prometheus__Username"] = "sre";
        return StartupAssertions.RefusesToStartNamingAsync("ObservabilityTools", setting, environment);
    }

    /// <summary>A second, empty Prometheus whose web config requires basic auth (the password stored as bcrypt).</summary>
    private sealed class BasicAuthPrometheus : IAsyncDisposable
    {
        private readonly string _state;
        private readonly ManagedProcess _process;

        private BasicAuthPrometheus(string state, ManagedProcess process, Uri url)
        {
            _state = state;
            _process = process;
            Url = url;
        }

        public Uri Url { get; }

        public static async Task<BasicAuthPrometheus> StartAsync(string user, string password)
        {
            var state = Directory.CreateTempSubdirectory("sresuite-tests-basic-auth-").FullName;
            var port = ManagedProcess.FreePort();
            var webConfig = Path.Combine(state, "web.yml");
            await File.WriteAllTextAsync(webConfig, $"basic_auth_users:\n  {user}: '{BCrypt.Net.BCrypt.HashPassword(password, workFactor: 4)}'\n", Ct);
            var config = Path.Combine(state, "prometheus.yml");
            await File.WriteAllTextAsync(config, "global:\n  scrape_interval: 15s\n", Ct);
            var url = new Uri($"http://127.0.0.1:{port}");
            var credentials = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
            var process = await ManagedProcess.StartAsync(ManagedProcess.Require("prometheus", "prometheus"),
                [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(state, "data")}", $"--web.listen-address=127.0.0.1:{port}", $"--web.config.file={webConfig}"],
                new Uri(url, "/-/ready"), Ct, credentials);
            return new BasicAuthPrometheus(state, process, url);
        }

        public async ValueTask DisposeAsync()
        {
            await _process.DisposeAsync();
            Directory.Delete(_state, recursive: true);
        }
    }
}
