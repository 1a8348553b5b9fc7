using SreSuite.IncidentFixtures;

namespace SreSuite.Deploy.Tests;

/// <summary>
/// The settings the manifests give each server are the ones it reads: each server runs with its Deployment's
/// environment, Secrets planted under the names the manifests use, and only what cannot work here replaced.
/// </summary>
public sealed class DeployedSettingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("infra")]
    [InlineData("observability")]
    [InlineData("incident")]
    public void A_server_that_listens_on_every_interface_demands_tokens_for_its_own_audience(string domain)
    {
        var settings = DeployedSettings.Of(domain).Values;

        // ASPNETCORE_HTTP_PORTS binds all interfaces, which the server refuses without OAuth (or Mcp__AllowUnauthenticatedRemote).
        Assert.Equal("8080", settings["ASPNETCORE_HTTP_PORTS"]);
        Assert.False(settings.ContainsKey("Mcp__AllowUnauthenticatedRemote"));
        Assert.StartsWith("https://", settings["Auth__Authority"], StringComparison.Ordinal);
        var audience = new Uri(settings["Auth__Audience"]);
        Assert.Equal(Uri.UriSchemeHttps, audience.Scheme);
        Assert.Equal($"/{domain}/mcp", audience.AbsolutePath);
        Assert.Contains(audience.Host, settings["Mcp__AllowedHosts"].Split(','));
    }

    [Fact]
    public async Task Infra_uses_the_pods_service_account_and_says_so_outside_a_pod()
    {
        var deployed = DeployedSettings.Of("infra");

        Assert.Empty(deployed.SecretVariables);
        await StartupAssertions.RefusesToStartNamingAsync("InfraTools", "Kubernetes__InCluster",
            deployed.Environment(("KUBERNETES_SERVICE_HOST", null), ("KUBERNETES_SERVICE_PORT", null)), "--stdio");
    }

    [Fact]
    public async Task Observability_reads_every_backend_secret_the_deployment_references()
    {
        var deployed = DeployedSettings.Of("observability");
        var tokens = deployed.SecretVariables.Where(name => name.EndsWith("_TOKEN", StringComparison.Ordinal)).ToList();
        var passwords = deployed.SecretVariables.Where(name => name.EndsWith("_PASSWORD", StringComparison.Ordinal)).ToList();
        Assert.Equal(deployed.SecretVariables.Order(), tokens.Concat(passwords).Order());
        var unreachable = $"http://127.0.0.1:{SreSuite.MonitoringFixture.ManagedProcess.FreePort()}";
        (string, string?)[] backends = [("PROMETHEUS_URL", unreachable), ("ALERTMANAGER_URL", unreachable)];

        var bearer = await StatusAsync("ObservabilityTools", "prom_status",
            deployed.Environment([.. backends, .. tokens.Select(name => (name, (string?)$"planted-{name}"))]));
        var basic = await StatusAsync("ObservabilityTools", "prom_status",
            deployed.Environment([.. backends, ("Prometheus__Username", "sre"), ("Alertmanager__Username", "sre"), .. passwords.Select(name => (name, (string?)$"planted-{name}"))]));

        Assert.Contains("prometheus auth: bearer token from PROMETHEUS_TOKEN", bearer, StringComparison.Ordinal);
        Assert.Contains("alertmanager auth: bearer token from ALERTMANAGER_TOKEN", bearer, StringComparison.Ordinal);
        Assert.Contains("prometheus auth: basic as 'sre' (password from PROMETHEUS_PASSWORD)", basic, StringComparison.Ordinal);
        Assert.Contains("alertmanager auth: basic as 'sre' (password from ALERTMANAGER_PASSWORD)", basic, StringComparison.Ordinal);
        Assert.All(deployed.SecretVariables, name => Assert.Contains($"from {name}", bearer + basic, StringComparison.Ordinal));
        Assert.DoesNotContain("planted-", bearer + basic, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Incident_reaches_pagerduty_github_and_the_runbook_api_with_the_secrets_the_deployment_references()
    {
        await using var fixture = await IncidentFixture.StartAsync(cancellationToken: Ct);
        var deployed = DeployedSettings.Of("incident");
        Assert.Equal(["GITHUB_TOKEN", "PAGERDUTY_TOKEN", "RUNBOOK_API_TOKEN"], deployed.SecretVariables.Order());

        var status = await StatusAsync("IncidentTools", "incident_status", deployed.Environment(
        [
            .. deployed.SecretVariables.Select(name => (name, fixture.ServerEnvironment[name])),
            // The fixtures stand in for api.pagerduty.com, api.github.com and the runbook service; the samples for the git-sync checkout.
            ("PagerDuty__Url", fixture.PagerDutyUrl.ToString()),
            ("GitHub__Url", fixture.GitHubUrl.ToString()),
            ("RUNBOOK_API_URL", fixture.RunbookApiUrl.ToString()),
            ("Runbooks__Path", Path.Combine(Repository.Samples, "runbooks")),
            ("Catalog__Path", Path.Combine(Repository.Samples, "catalog.yaml")),
        ]));

        Assert.Contains($"runbook base url: {deployed.Values["Runbooks__BaseUrl"]}", status, StringComparison.Ordinal);
        Assert.Contains("runbook api: http://127.0.0.1:", status, StringComparison.Ordinal);
        Assert.Contains("incidents: PagerDuty at http://127.0.0.1:", status, StringComparison.Ordinal);
        Assert.Contains("deploys: GitHub at http://127.0.0.1:", status, StringComparison.Ordinal);
        Assert.DoesNotContain("unreachable", status, StringComparison.Ordinal);
        Assert.DoesNotContain("not configured", status, StringComparison.Ordinal);
    }

    private static async Task<string> StatusAsync(string server, string tool, Dictionary<string, string?> environment)
    {
        await using var client = await McpClients.ConnectStdioAsync(server, Ct, environment: environment);
        var result = await client.CallToolAsync(tool, cancellationToken: Ct);
        Assert.NotEqual(true, result.IsError);
        return result.Text();
    }
}
