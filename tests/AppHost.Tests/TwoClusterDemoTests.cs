using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace SreSuite.AppHost.Tests;

/// <summary>
/// <c>dotnet run --project AppHost -- --clusters production=…,staging=…</c> (issue 17): one demo API server per context,
/// one InfraTools serving both, and the same question answered for each.
/// </summary>
public sealed class TwoClusterDemoTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_context_answers_from_its_own_cluster_and_the_first_is_the_default()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--clusters", "production=payments-deploy-crashloop,staging=cart-oom-kill", "--KUBECONFIG=", "--PROMETHEUS_URL=", "--PAGERDUTY_TOKEN=", "--GITHUB_TOKEN="], timeout.Token);
        Assert.Contains(builder.Resources, r => r.Name == "demo-kubernetes-production");
        Assert.Contains(builder.Resources, r => r.Name == "demo-kubernetes-staging");
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("infratools", timeout.Token);
        await using var infra = await McpClients.ConnectHttpAsync(new Uri(app.GetEndpoint("infratools", "http"), "/mcp"), timeout.Token);

        var contexts = (await infra.CallToolAsync("k8s_context", cancellationToken: timeout.Token)).Text();
        Assert.Contains("production", contexts, StringComparison.Ordinal);
        Assert.Contains("staging", contexts, StringComparison.Ordinal);

        // The same question, asked of each cluster: each answers with its own incident.
        var production = await infra.CallToolAsync("k8s_find_unhealthy", cancellationToken: timeout.Token);
        var staging = await infra.CallToolAsync("k8s_find_unhealthy", new Dictionary<string, object?> { ["context"] = "staging" }, cancellationToken: timeout.Token);
        Assert.NotEqual(true, production.IsError);
        Assert.NotEqual(true, staging.IsError);
        Assert.Contains("payments/payments-api", production.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("shop/", production.Text(), StringComparison.Ordinal);
        Assert.Contains("shop/cart", staging.Text(), StringComparison.Ordinal);
        Assert.Contains("OOMKilled", staging.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("payments-api", staging.Text(), StringComparison.Ordinal);

        var unknown = await infra.CallToolAsync("k8s_find_unhealthy", new Dictionary<string, object?> { ["context"] = "qa" }, cancellationToken: timeout.Token);
        Assert.True(unknown.IsError);
    }

    [Theory]
    [InlineData("production=payments-deploy-crashloop", "two or more context=scenario pairs")]
    [InlineData("production=payments-deploy-crashloop,production=cart-oom-kill", "context 'production' is named twice")]
    [InlineData("Prod_1=payments-deploy-crashloop,staging=cart-oom-kill", "context 'Prod_1' must be")]
    [InlineData("production=payments-deploy-crashloop,staging=no-such-scenario", "no-such-scenario")]
    public async Task A_clusters_option_it_cannot_use_is_refused_in_one_line_before_anything_starts(string value, string problem)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Repository.Root };
        start.ArgumentList.Add(Path.Combine(Repository.Root, "AppHost", "bin", Repository.BuildConfiguration, "net10.0", "AppHost.dll"));
        start.ArgumentList.Add("--clusters");
        start.ArgumentList.Add(value);

        var (exitCode, output, errors) = await ProcessRun.ToExitAsync(start, Ct);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.StartsWith("--clusters: ", errors, StringComparison.Ordinal);
        Assert.Contains(problem, errors, StringComparison.Ordinal);
        Assert.Single(errors.Trim().Split('\n'));
    }
}
