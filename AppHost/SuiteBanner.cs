using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SreSuite.AppHost;

internal static class SuiteBannerExtensions
{
    /// <summary>Prints each server's MCP URL and the client configurations once every server is alive.</summary>
    public static IDistributedApplicationBuilder AddSuiteBanner(
        this IDistributedApplicationBuilder builder, DemoEnvironment demo, params IResourceBuilder<ProjectResource>[] servers)
    {
        builder.Services.AddHostedService(services => new SuiteBanner(
            services.GetRequiredService<ResourceNotificationService>(),
            services.GetRequiredService<DistributedApplicationExecutionContext>(),
            demo,
            servers));
        return builder;
    }
}

/// <summary>
/// Waits until every server answers <c>/alive</c> (a server whose backend is unreachable still counts:
/// its status tool and <c>/health</c> say what is missing), then prints the URLs and client configs.
/// </summary>
internal sealed class SuiteBanner(
    ResourceNotificationService notifications,
    DistributedApplicationExecutionContext executionContext,
    DemoEnvironment demo,
    IReadOnlyList<IResourceBuilder<ProjectResource>> servers) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var entries = new List<ClientEntry>();
        foreach (var server in servers)
        {
            await notifications.WaitForResourceAsync(server.Resource.Name, KnownResourceStates.Running, stoppingToken);
            var endpoint = server.GetEndpoint("http");
            var baseUrl = new Uri(endpoint.Url);
            await WaitUntilAliveAsync(http, new Uri(baseUrl, "/alive"), stoppingToken);
            entries.Add(await DescribeAsync(server.Resource, new Uri(baseUrl, "/mcp"), stoppingToken));
        }

        var banner = new StringBuilder();
        banner.AppendLine();
        banner.AppendLine("SreSuite is up. MCP endpoints (Streamable HTTP):");
        foreach (var entry in entries)
            banner.AppendLine(CultureInfo.InvariantCulture, $"  {entry.Key,-24} {entry.HttpUrl}");
        banner.AppendLine();
        banner.AppendLine(DescribeBackends());
        banner.AppendLine();
        banner.AppendLine("Claude Desktop (claude_desktop_config.json):");
        banner.AppendLine(ClientConfig.ClaudeDesktop(entries));
        banner.AppendLine();
        banner.AppendLine("VS Code (.vscode/mcp.json):");
        banner.AppendLine(ClientConfig.VsCode(entries));
        await Console.Out.WriteLineAsync(banner.ToString());
    }

    private string DescribeBackends()
    {
        var demoNames = new List<string>();
        if (demo.Kubernetes && demo.Clusters.Count > 0)
            demoNames.Add($"Kubernetes contexts {string.Join(", ", demo.Clusters.Select(c => $"{c.Context} ({c.Scenario.Name})"))}");
        else if (demo.Kubernetes)
            demoNames.Add("Kubernetes (set KUBECONFIG for yours)");
        if (demo.Monitoring)
            demoNames.Add("Prometheus history and alerts (set PROMETHEUS_URL for yours)");
        if (demo.PagerDuty)
            demoNames.Add("PagerDuty (set PAGERDUTY_TOKEN)");
        if (demo.GitHub)
            demoNames.Add("GitHub (set GITHUB_TOKEN)");
        return demoNames.Count == 0
            ? "Backends: only what you configured; no demo data."
            : $"DEMO DATA: {string.Join(", ", demoNames)} are demo fixtures playing scenario {demo.ScenarioName} ({demo.ScenarioFaultClass}),\nnot real systems. --scenario list shows the others; Demo__Enabled=false turns the demo off.";
    }

    private static async Task WaitUntilAliveAsync(HttpClient http, Uri alive, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(alive, stoppingToken);
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), stoppingToken);
        }
    }

    private async Task<ClientEntry> DescribeAsync(ProjectResource server, Uri mcpUrl, CancellationToken cancellationToken)
    {
        var projectPath = server.GetProjectMetadata().ProjectPath;
        var name = Path.GetFileNameWithoutExtension(projectPath);
        var assembly = Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", BuildConfiguration, "net10.0", $"{name}.dll");
        var variables = new Dictionary<string, object>(StringComparer.Ordinal);
        if (server.TryGetEnvironmentVariables(out var callbacks))
        {
            var context = new EnvironmentCallbackContext(executionContext, server, variables, cancellationToken);
            foreach (var callback in callbacks)
                await callback.Callback(context);
        }

        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in StdioVariables)
        {
            var value = variables.GetValueOrDefault(variable) switch
            {
                string text => text,
                IValueProvider provider => await provider.GetValueAsync(cancellationToken),
                _ => null,
            };
            // A real token is never printed; the demo fixtures' tokens guard nothing.
            var secret = variable.EndsWith("_TOKEN", StringComparison.Ordinal) && !(value?.StartsWith($"{DemoEnvironment.TokenPrefix}-", StringComparison.Ordinal) ?? false);
            if (!string.IsNullOrEmpty(value) && !secret)
                environment[variable] = value;
        }

        return new ClientEntry($"sresuite-{server.Name.Replace("tools", string.Empty, StringComparison.Ordinal)}", mcpUrl, "dotnet", [assembly, "--stdio"], environment);
    }

    /// <summary>The settings a stdio copy of a server needs to see the same backends as the HTTP one.</summary>
    private static readonly string[] StdioVariables =
    [
        "KUBECONFIG", "PROMETHEUS_URL", "ALERTMANAGER_URL", "Runbooks__Path", "Catalog__Path", "Runbooks__BaseUrl",
        "PagerDuty__Url", "PagerDuty__From", "PAGERDUTY_TOKEN", "GitHub__Url", "GitHub__DeployWorkflows", "GITHUB_TOKEN", "Demo__Backends",
    ];

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif
}
