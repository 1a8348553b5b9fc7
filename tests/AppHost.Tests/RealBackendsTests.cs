using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using SreSuite.IncidentFixtures;
using SreSuite.KubeFixture;

namespace SreSuite.AppHost.Tests;

/// <summary>With real backends configured, the AppHost uses them and starts no demo stand-in; demo data is never mixed in.</summary>
public sealed class RealBackendsTests
{
    [Fact]
    public async Task Configured_backends_are_used_and_no_demo_resource_starts()
    {
        var ct = TestContext.Current.CancellationToken;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(4));
        // Stand-ins for the real systems, at addresses that are not the demo's.
        await using var cluster = await KubeFixtureServer.StartAsync(new KubeFixtureOptions { ContextName = "staging" }, timeout.Token);
        await using var incidents = await IncidentFixture.StartAsync(cancellationToken: timeout.Token);
        using var prometheus = new SilentServer();
        var settings = new List<string>
        {
            $"--KUBECONFIG={cluster.KubeconfigPath}",
            $"--PROMETHEUS_URL={prometheus.Url}",
        };
        settings.AddRange(incidents.ServerEnvironment
            .Where(setting => setting.Key is "PAGERDUTY_TOKEN" or "PagerDuty__Url" or "PagerDuty__From" or "GITHUB_TOKEN" or "GitHub__Url" or "GitHub__DeployWorkflows")
            .Select(setting => $"--{setting.Key.Replace("__", ":", StringComparison.Ordinal)}={setting.Value}"));

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([.. settings], timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);
        var resources = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Select(resource => resource.Name).ToList();
        Assert.DoesNotContain(resources, name => name.StartsWith("demo-", StringComparison.Ordinal));
        Assert.DoesNotContain("prometheus", resources);
        await app.StartAsync(timeout.Token);

        var context = await CallStatusAsync(app, "infratools", "k8s_context", timeout.Token);
        Assert.Contains("context: staging", context, StringComparison.Ordinal);
        Assert.Contains($"api server: {cluster.Url.ToString().TrimEnd('/')}", context, StringComparison.Ordinal);
        var observability = await CallStatusAsync(app, "observabilitytools", "prom_status", timeout.Token);
        Assert.Contains($"prometheus: {prometheus.Url}", observability, StringComparison.Ordinal);
        var incidentStatus = await CallStatusAsync(app, "incidenttools", "incident_status", timeout.Token);
        Assert.Contains(incidents.PagerDutyUrl.ToString().TrimEnd('/'), incidentStatus, StringComparison.Ordinal);
        foreach (var status in new[] { context, observability, incidentStatus })
            Assert.DoesNotContain("DEMO DATA", status, StringComparison.Ordinal);
    }

    /// <summary>Waits for the server to be up (not healthy: a silent Prometheus keeps ObservabilityTools unready) and calls its status tool.</summary>
    private static async Task<string> CallStatusAsync(DistributedApplication app, string resource, string tool, CancellationToken cancellationToken)
    {
        await app.ResourceNotifications.WaitForResourceAsync(resource, KnownResourceStates.Running, cancellationToken);
        var mcpUrl = new Uri(app.GetEndpoint(resource, "http"), "/mcp");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var client = await McpClients.ConnectHttpAsync(mcpUrl, cancellationToken);
                return (await client.CallToolAsync(tool, cancellationToken: cancellationToken)).Text();
            }
            catch (HttpRequestException) when (attempt < 60)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }
}
