namespace SreSuite.AppHost;

/// <summary>
/// <c>dotnet run --project AppHost -- config [--published artifacts/publish] [--url https://sre.example.com/{server}/mcp]</c>:
/// prints the client entries for the published stdio binaries and for deployed HTTP endpoints, then exits without
/// starting anything.
/// </summary>
internal static class ClientConfigCommand
{
    private const string Usage = "usage: config [--published artifacts/publish] [--url https://sre.example.com/{server}/mcp]";

    /// <summary>Each server: its client key, the <c>{server}</c> of a deployed URL, how it is published, and the non-secret settings it is handed.</summary>
    private static readonly (string Server, string Domain, string Publish, string[] Settings)[] Servers =
    [
        ("InfraTools", "infra", "-p:PublishAot=true", ["KUBECONFIG", "Kubernetes__Context"]),
        ("ObservabilityTools", "observability", "-p:PublishAot=true", ["PROMETHEUS_URL", "ALERTMANAGER_URL"]),
        ("IncidentTools", "incident", "-p:PublishReadyToRun=true",
            ["Runbooks__Path", "Catalog__Path", "Runbooks__BaseUrl", "PagerDuty__Url", "PagerDuty__From", "GitHub__Url", "GitHub__DeployWorkflows"]),
    ];

    /// <summary>Runs the command when <paramref name="args"/> start with <c>config</c>; false otherwise.</summary>
    public static bool TryRun(string[] args)
    {
        if (args is not ["config", .. var options])
            return false;
        Environment.ExitCode = Run(options, Console.Out, Console.Error);
        return true;
    }

    private static int Run(string[] options, TextWriter output, TextWriter errors)
    {
        var root = RepositoryRoot();
        var published = Path.Combine(root, "artifacts", "publish");
        string? urlTemplate = null;
        for (var i = 0; i < options.Length; i++)
        {
            switch (options[i])
            {
                case "--published" when i + 1 < options.Length:
                    published = Path.GetFullPath(options[++i]);
                    break;
                case "--url" when i + 1 < options.Length:
                    urlTemplate = options[++i];
                    break;
                default:
                    errors.WriteLine($"config: unknown argument '{options[i]}'; {Usage}");
                    return 2;
            }
        }

        if (urlTemplate is not null && !urlTemplate.Contains("{server}", StringComparison.Ordinal))
        {
            errors.WriteLine($"config: --url must contain {{server}} (infra, observability, incident), e.g. https://sre.example.com/{{server}}/mcp; got '{urlTemplate}'");
            return 2;
        }

        var entries = new List<ClientEntry>();
        var missing = 0;
        foreach (var (server, domain, publish, settings) in Servers)
        {
            Uri? url = null;
            if (urlTemplate is not null && !TryHttpUrl(urlTemplate.Replace("{server}", domain, StringComparison.Ordinal), out url))
            {
                errors.WriteLine($"config: --url gives '{urlTemplate.Replace("{server}", domain, StringComparison.Ordinal)}' for {server}, which is not an absolute http:// or https:// URL");
                return 2;
            }

            var binary = Path.Combine(published, server, server);
            var command = File.Exists(binary) ? binary : null;
            if (command is null)
            {
                missing++;
                errors.WriteLine($"config: no published {server} at {binary}; publish it with: dotnet publish servers/{server} -c Release -r linux-x64 {publish} -o {Path.Combine(published, server)}");
            }

            entries.Add(new ClientEntry($"sresuite-{domain}", url, command, ["--stdio"], Settings(server, settings, root)));
        }

        output.WriteLine("Claude Desktop (claude_desktop_config.json):");
        output.WriteLine(ClientConfig.ClaudeDesktop(entries));
        output.WriteLine();
        output.WriteLine("VS Code (.vscode/mcp.json):");
        output.WriteLine(ClientConfig.VsCode(entries));
        if (missing < Servers.Length)
            errors.WriteLine("config: tokens and passwords (PROMETHEUS_TOKEN, PAGERDUTY_TOKEN, GITHUB_TOKEN, …) are never printed; add the ones you use to the env blocks yourself.");
        return missing == 0 ? 0 : 1;
    }

    /// <summary>The settings of this shell a stdio copy should see; IncidentTools finds the sample runbooks and catalog by default.</summary>
    private static SortedDictionary<string, string> Settings(string server, string[] names, string root)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (server == "IncidentTools")
        {
            var samples = SuitePaths.Samples(Path.Combine(root, "AppHost"));
            values["Runbooks__Path"] = samples.Runbooks;
            values["Catalog__Path"] = samples.Catalog;
        }

        foreach (var name in names)
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
                values[name] = value;
        }

        return values;
    }

    private static bool TryHttpUrl(string text, out Uri? url) =>
        Uri.TryCreate(text, UriKind.Absolute, out url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SreSuite.sln")))
                return dir.FullName;
        }

        return Directory.GetCurrentDirectory();
    }
}
