using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SreSuite.AppHost;

internal static class SuiteBannerExtensions
{
    /// <summary>Prints each server's MCP URL and the client configurations once every server is alive.</summary>
    public static IDistributedApplicationBuilder AddSuiteBanner(this IDistributedApplicationBuilder builder, params IResourceBuilder<ProjectResource>[] servers)
    {
        builder.Services.AddHostedService(services => new SuiteBanner(
            services.GetRequiredService<ResourceNotificationService>(),
            services.GetRequiredService<DistributedApplicationExecutionContext>(),
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
        banner.AppendLine("Claude Desktop (claude_desktop_config.json):");
        banner.AppendLine(ClientConfig.ClaudeDesktop(entries));
        banner.AppendLine();
        banner.AppendLine("VS Code (.vscode/mcp.json):");
        banner.AppendLine(ClientConfig.VsCode(entries));
        await Console.Out.WriteLineAsync(banner.ToString());
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
            if (!string.IsNullOrEmpty(value))
                environment[variable] = value;
        }

        return new ClientEntry($"sresuite-{server.Name.Replace("tools", string.Empty, StringComparison.Ordinal)}", mcpUrl, "dotnet", [assembly, "--stdio"], environment);
    }

    /// <summary>The settings a stdio copy of a server needs to see the same backends as the HTTP one.</summary>
    private static readonly string[] StdioVariables = ["KUBECONFIG", "PROMETHEUS_URL", "ALERTMANAGER_URL", "Runbooks__Path", "Catalog__Path"];

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif
}
