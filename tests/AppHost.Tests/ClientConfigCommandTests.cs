using System.Diagnostics;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;

namespace SreSuite.AppHost.Tests;

/// <summary><c>dotnet run --project AppHost -- config</c>: the client entries for published binaries and deployed URLs, and nothing started.</summary>
public sealed class ClientConfigCommandTests
{
    private const string ClaudeHeading = "Claude Desktop (claude_desktop_config.json):";
    private const string VsCodeHeading = "VS Code (.vscode/mcp.json):";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Prints_stdio_entries_for_the_published_binaries_and_http_entries_for_the_deployed_urls()
    {
        using var published = new PublishedFolder();
        var (exitCode, output, errors) = await ConfigAsync(
            new() { ["KUBECONFIG"] = "/etc/sre/staging.yaml", ["PROMETHEUS_URL"] = "http://prometheus.monitoring:9090", ["GITHUB_TOKEN"] = "ghp_never_printed_123456" },
            "--published", published.Path, "--url", "https://sre.example.com/{server}/mcp");

        Assert.True(exitCode == 0, errors);
        var (claude, vsCode) = Parse(output);
        var claudeServers = claude["mcpServers"]!.AsObject();
        var vsCodeServers = vsCode["servers"]!.AsObject();
        Assert.Equal(
            ["sresuite-infra", "sresuite-infra-http", "sresuite-observability", "sresuite-observability-http", "sresuite-incident", "sresuite-incident-http"],
            claudeServers.Select(pair => pair.Key));
        Assert.Equal(claudeServers.Select(pair => pair.Key), vsCodeServers.Select(pair => pair.Key));

        Assert.Equal(Path.Combine(published.Path, "InfraTools", "InfraTools"), (string?)claudeServers["sresuite-infra"]!["command"]);
        Assert.Equal("--stdio", (string?)claudeServers["sresuite-infra"]!["args"]![0]);
        Assert.Null(claudeServers["sresuite-infra"]!["type"]);
        Assert.Equal("stdio", (string?)vsCodeServers["sresuite-infra"]!["type"]);
        Assert.Equal("/etc/sre/staging.yaml", (string?)claudeServers["sresuite-infra"]!["env"]!["KUBECONFIG"]);
        Assert.Equal("http://prometheus.monitoring:9090", (string?)vsCodeServers["sresuite-observability"]!["env"]!["PROMETHEUS_URL"]);
        Assert.Equal(Path.Combine(Repository.Samples, "runbooks"), (string?)claudeServers["sresuite-incident"]!["env"]!["Runbooks__Path"]);
        foreach (var (domain, servers) in new[] { ("infra", claudeServers), ("observability", claudeServers), ("incident", vsCodeServers) })
        {
            Assert.Equal("http", (string?)servers[$"sresuite-{domain}-http"]!["type"]);
            Assert.Equal($"https://sre.example.com/{domain}/mcp", (string?)servers[$"sresuite-{domain}-http"]!["url"]);
        }

        Assert.DoesNotContain("ghp_never_printed", output + errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Distributed application", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_printed_stdio_entry_starts_its_server()
    {
        using var published = new PublishedFolder();
        var (exitCode, output, errors) = await ConfigAsync([], "--published", published.Path);
        Assert.True(exitCode == 0, errors);
        var entry = Parse(output).VsCode["servers"]!["sresuite-incident"]!;

        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "IncidentTools",
            Command = (string)entry["command"]!,
            Arguments = [.. entry["args"]!.AsArray().Select(arg => (string)arg!)],
            EnvironmentVariables = entry["env"]!.AsObject().ToDictionary(pair => pair.Key, pair => (string?)pair.Value),
        });
        await using var client = await McpClient.CreateAsync(transport, cancellationToken: Ct);
        var status = await client.CallToolAsync("incident_status", cancellationToken: Ct);

        Assert.Equal("IncidentTools", client.ServerInfo?.Name);
        Assert.Contains("runbooks: ", status.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_not_published_is_named_with_its_publish_command_and_keeps_its_http_entry()
    {
        var empty = Directory.CreateTempSubdirectory("sresuite-config-").FullName;
        try
        {
            var (exitCode, output, errors) = await ConfigAsync([], "--published", empty, "--url", "https://sre.example.com/{server}/mcp");

            Assert.Equal(1, exitCode);
            Assert.Contains($"config: no published InfraTools at {Path.Combine(empty, "InfraTools", "InfraTools")}; publish it with: dotnet publish servers/InfraTools -c Release -r linux-x64 -p:PublishAot=true", errors, StringComparison.Ordinal);
            Assert.Contains("publish it with: dotnet publish servers/IncidentTools -c Release -r linux-x64 -p:PublishReadyToRun=true", errors, StringComparison.Ordinal);
            var servers = Parse(output).Claude["mcpServers"]!.AsObject();
            Assert.Equal(["sresuite-infra-http", "sresuite-observability-http", "sresuite-incident-http"], servers.Select(pair => pair.Key));
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Theory]
    [InlineData("https://sre.example.com/mcp", "--url must contain {server}")]
    [InlineData("sre.example.com/{server}/mcp", "not an absolute http:// or https:// URL")]
    public async Task A_url_template_it_cannot_use_is_refused_before_anything_is_printed(string url, string problem)
    {
        var (exitCode, output, errors) = await ConfigAsync([], "--url", url);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.StartsWith("config: ", errors, StringComparison.Ordinal);
        Assert.Contains(problem, errors, StringComparison.Ordinal);
    }

    /// <summary>Runs the AppHost binary as <c>dotnet run --project AppHost -- config …</c> does.</summary>
    private static async Task<(int ExitCode, string Output, string Errors)> ConfigAsync(Dictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Repository.Root };
        start.ArgumentList.Add(Path.Combine(Repository.Root, "AppHost", "bin", Repository.BuildConfiguration, "net10.0", "AppHost.dll"));
        start.ArgumentList.Add("config");
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var name in new[] { "KUBECONFIG", "Kubernetes__Context", "PROMETHEUS_URL", "ALERTMANAGER_URL", "Runbooks__Path", "Catalog__Path", "Runbooks__BaseUrl", "PagerDuty__Url", "PagerDuty__From", "GitHub__Url", "GitHub__DeployWorkflows" })
            start.Environment.Remove(name);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;

        return await ProcessRun.ToExitAsync(start, Ct);
    }

    private static (JsonObject Claude, JsonObject VsCode) Parse(string output)
    {
        Assert.StartsWith(ClaudeHeading, output, StringComparison.Ordinal);
        var parts = output[ClaudeHeading.Length..].Split(VsCodeHeading);
        Assert.Equal(2, parts.Length);
        return (JsonNode.Parse(parts[0])!.AsObject(), JsonNode.Parse(parts[1])!.AsObject());
    }
}
