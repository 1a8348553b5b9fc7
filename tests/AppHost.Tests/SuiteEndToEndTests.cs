using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace SreSuite.AppHost.Tests;

/// <summary>The whole suite as <c>dotnet run --project AppHost</c> starts it, driven by Aspire.Hosting.Testing.</summary>
public sealed class SuiteEndToEndTests
{
    [Fact]
    public async Task Every_server_becomes_healthy_and_answers_its_status_tool_over_mcp()
    {
        var ct = TestContext.Current.CancellationToken;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(4));

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);

        foreach (var (resource, tool, expected) in new[]
        {
            ("infratools", "k8s_context", "server: InfraTools"),
            ("observabilitytools", "prom_status", "prometheus version: Prometheus"),
            ("incidenttools", "incident_status", "runbooks: "),
        })
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
            var mcpUrl = new Uri(app.GetEndpoint(resource, "http"), "/mcp");
            await using var client = await McpClients.ConnectHttpAsync(mcpUrl, timeout.Token);

            var result = await client.CallToolAsync(tool, cancellationToken: timeout.Token);

            Assert.NotEqual(true, result.IsError);
            Assert.Contains(expected, result.Text(), StringComparison.Ordinal);
        }

        await app.ResourceNotifications.WaitForResourceHealthyAsync("prometheus", timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("alertmanager", timeout.Token);
    }
}
