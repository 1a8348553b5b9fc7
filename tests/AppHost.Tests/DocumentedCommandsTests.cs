using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ModelContextProtocol.Client;
using SreSuite.KubeFixture;

namespace SreSuite.AppHost.Tests;

/// <summary>
/// Every command in a <c>bash</c>/<c>sh</c> block of README.md and docs/*.md (issue 18): the cheap ones run for real, on
/// 127.0.0.1 free ports, with a deadline (a server answers MCP, a fixture serves, the AppHost prints what it says it prints);
/// the rest are checked against what covers them (the CI script that runs them, the test that starts the whole suite) or,
/// when they need the network, against what they name. A command no rule knows, or one that no longer works, fails.
/// </summary>
public sealed partial class DocumentedCommandsTests
{
    private static readonly Dictionary<string, string> StatusTools = new(StringComparer.Ordinal)
    {
        ["InfraTools"] = "k8s_context",
        ["ObservabilityTools"] = "prom_status",
        ["IncidentTools"] = "incident_status",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Blocks()
    {
        var blocks = new TheoryData<string>();
        foreach (var block in DocumentedCommands.Read(Repository.Root))
            blocks.Add(block.Where);
        return blocks;
    }

    [Fact]
    public void The_pages_have_shell_blocks_and_the_reader_sees_every_command()
    {
        var blocks = DocumentedCommands.Read(Repository.Root);

        Assert.Contains(blocks, block => block.File == "README.md");
        Assert.True(blocks.Sum(block => block.Commands.Count) >= 20, $"only {blocks.Sum(block => block.Commands.Count)} commands read");
        var security = DocumentedCommands.ReadPage("x.md", ["```sh", "A=1 B='two words' \\", "  dotnet run --project servers/InfraTools -- --stdio   # note", "# → answer", "```"]);
        var command = Assert.Single(Assert.Single(security).Commands);
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "two words" }, command.Environment);
        Assert.Equal(["dotnet", "run", "--project", "servers/InfraTools", "--", "--stdio"], command.Words);
        Assert.Equal(["note", "→ answer"], command.Notes);
        Assert.Equal(2, command.Line);
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public async Task Every_command_of_the_block_runs_or_is_covered(string where)
    {
        var block = Assert.Single(DocumentedCommands.Read(Repository.Root), candidate => candidate.Where == where);
        await using var context = new BlockContext();
        DocumentedCommand? previous = null;
        foreach (var command in block.Commands)
        {
            var outcome = await RunOrCheckAsync(command, previous, context);
            TestContext.Current.TestOutputHelper?.WriteLine($"{command.Where}  {command.Text}\n    {outcome}");
            if (command.Program is not null)
                previous = command;
        }
    }

    private static async Task<string> RunOrCheckAsync(DocumentedCommand command, DocumentedCommand? previous, BlockContext context)
    {
        if (command.Program is null)
        {
            // A line of settings only adds them to the command above it ("… dotnet run --project servers/InfraTools", then "Guardrails__DenyTools=k8s_pod_logs").
            if (previous is null)
                throw new Xunit.Sdk.XunitException($"{command.Where}: settings '{command.Text}' follow no command to add them to");
            var combined = previous with { Environment = new Dictionary<string, string>(previous.Environment.Concat(command.Environment)), Line = command.Line };
            return "settings added to the command above: " + await RunOrCheckAsync(combined, null, context);
        }

        return (command.Program, command.Words.ElementAtOrDefault(1)) switch
        {
            ("dotnet", "run") => await DotnetRunAsync(command, context),
            ("dotnet", "build") => CheckBuild(command),
            ("dotnet", "publish") => CheckPublish(command),
            ("dotnet", "test") => CheckTestCommand(command),
            ("npm", "install") => CheckNpmInstall(command),
            ("npx", _) => CheckInspector(command),
            ("curl", _) => await RunCurlAsync(command),
            (var program, _) when program.StartsWith(".ci/", StringComparison.Ordinal) => CheckCiStep(command),
            _ => throw new Xunit.Sdk.XunitException($"{command.Where}: no rule runs or checks '{command.Text}'; add one to {nameof(DocumentedCommandsTests)}"),
        };
    }

    private static async Task<string> DotnetRunAsync(DocumentedCommand command, BlockContext context)
    {
        var project = command.Option("--project") ?? throw new Xunit.Sdk.XunitException($"{command.Where}: dotnet run without --project");
        Assert.True(Directory.Exists(Path.Combine(Repository.Root, project)) && Directory.GetFiles(Path.Combine(Repository.Root, project), "*.csproj").Length == 1,
            $"{command.Where}: --project {project} is not a project folder");
        return project switch
        {
            "AppHost" => await RunAppHostAsync(command),
            "demo/KubeFixture" => await RunKubeFixtureAsync(command, context),
            "demo/MonitoringFixture" => await RunMonitoringFixtureAsync(command, context),
            "bench/SreSuite.Bench" => CheckBench(command),
            _ when project.StartsWith("servers/", StringComparison.Ordinal) => await RunServerAsync(command, project["servers/".Length..], context),
            _ => throw new Xunit.Sdk.XunitException($"{command.Where}: no rule runs project {project}; add one to {nameof(DocumentedCommandsTests)}"),
        };
    }

    private static async Task<string> RunAppHostAsync(DocumentedCommand command)
    {
        var args = command.ProgramArguments;
        switch (args.Count == 0 ? null : args[0])
        {
            case null:
                // The whole suite (three servers, Prometheus, Alertmanager, dashboard) is too heavy to start per page.
                AssertFileContains(".ci/apphost-ctrl-c", "dotnet run --project AppHost", command);
                AssertFileContains("tests/AppHost.Tests/SuiteEndToEndTests.cs", "class SuiteEndToEndTests", command);
                return "covered: .ci/apphost-ctrl-c runs it and waits for the banner; SuiteEndToEndTests starts the same AppHost";
            case "--clusters":
                AssertFileContains("tests/AppHost.Tests/TwoClusterDemoTests.cs", $"\"--clusters\", \"{args[1]}\"", command);
                return "covered: TwoClusterDemoTests starts the AppHost with the same --clusters value";
            case "--scenario" when args.Count == 2 && args[1] == "list":
            {
                var (exitCode, output, errors) = await RunToExitAsync(AppHostStart(command.Environment, args), TimeSpan.FromSeconds(90));
                Assert.True(exitCode == 0, $"{command.Where}: exit {exitCode}\n{errors}");
                Assert.Contains("payments-deploy-crashloop", output, StringComparison.Ordinal);
                return "ran: lists the scenario library";
            }

            case "config":
            {
                // The published binaries the page names are stood in for by the servers' own builds (CI publishes the real ones).
                using var published = new PublishedFolder();
                var (exitCode, output, errors) = await RunToExitAsync(
                    AppHostStart(command.Environment, [.. args.Select(arg => arg == "artifacts/publish" ? published.Path : arg)]), TimeSpan.FromSeconds(90));
                Assert.True(exitCode == 0, $"{command.Where}: exit {exitCode}\n{errors}");
                var url = command.Option("--url");
                if (url is not null)
                    Assert.Contains(url.Replace("{server}", "infra", StringComparison.Ordinal), output, StringComparison.Ordinal);
                Assert.Contains(Path.Combine(published.Path, "InfraTools", "InfraTools"), output, StringComparison.Ordinal);
                return "ran: prints the client entries for the published binaries and the deployed URLs";
            }

            default:
                throw new Xunit.Sdk.XunitException($"{command.Where}: no rule runs the AppHost with '{string.Join(' ', args)}'; add one to {nameof(DocumentedCommandsTests)}");
        }
    }

    private static async Task<string> RunServerAsync(DocumentedCommand command, string server, BlockContext context)
    {
        Assert.True(StatusTools.ContainsKey(server), $"{command.Where}: {server} is not one of the servers");
        var environment = await ServerEnvironmentAsync(command, context);
        var args = command.ProgramArguments;
        McpClient client;
        ServerProcess? http = null;
        string transport;
        if (args.Contains("--stdio"))
        {
            Assert.Equal(["--stdio"], args);
            client = await McpClients.ConnectStdioAsync(server, Ct, environment: environment);
            transport = "stdio";
        }
        else
        {
            // --urls is replaced by a free port on 127.0.0.1; any other argument would have to be known here.
            var rest = args.ToList();
            var urls = rest.IndexOf("--urls");
            if (urls >= 0)
            {
                Assert.True(Uri.TryCreate(rest.ElementAtOrDefault(urls + 1), UriKind.Absolute, out _), $"{command.Where}: --urls takes a URL");
                rest.RemoveRange(urls, 2);
            }

            Assert.True(rest.Count == 0, $"{command.Where}: no rule runs {server} with '{string.Join(' ', rest)}'");
            http = await ServerProcess.StartAsync(server, environment, Ct);
            client = await McpClients.ConnectHttpAsync(http.McpUrl, Ct);
            transport = "Streamable HTTP";
        }

        try
        {
            var tools = (await client.ListToolsAsync(cancellationToken: Ct)).Select(tool => tool.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var enabled in Listed(command.Environment, "Guardrails__EnableWriteTools"))
                Assert.True(tools.Contains(enabled), $"{command.Where}: Guardrails__EnableWriteTools names {enabled}, which the server does not list");
            foreach (var denied in Listed(command.Environment, "Guardrails__DenyTools"))
            {
                Assert.False(tools.Contains(denied), $"{command.Where}: Guardrails__DenyTools names {denied}, which the server still lists");
                Assert.True(context.ListedTools?.Contains(denied) ?? true, $"{command.Where}: Guardrails__DenyTools names {denied}, which the command above did not list either");
            }

            context.ListedTools = tools;
            var status = await client.CallToolAsync(StatusTools[server], cancellationToken: Ct);
            Assert.True(status.IsError != true, $"{command.Where}: {StatusTools[server]} failed: {status.Text()}");
            foreach (var name in Listed(command.Environment, "Kubernetes__Contexts"))
                Assert.Contains(name, status.Text(), StringComparison.Ordinal);
            foreach (var source in command.Environment.Keys.Select(key => PrometheusSource().Match(key)).Where(match => match.Success))
                Assert.Contains($"prometheus {source.Groups["name"].Value}", status.Text(), StringComparison.Ordinal);
            return $"ran: {server} answers initialize, tools/list ({tools.Count} tools) and {StatusTools[server]} over {transport}";
        }
        finally
        {
            await client.DisposeAsync();
            if (http is not null)
                await http.DisposeAsync();
        }
    }

    /// <summary>
    /// The page's settings, with what stands for a reader's own files made real: a kubeconfig the page's fixture wrote, or for
    /// each kubeconfig path that does not exist here a fixture cluster whose context is the file's name (staging.yaml: staging).
    /// </summary>
    private static async Task<Dictionary<string, string?>> ServerEnvironmentAsync(DocumentedCommand command, BlockContext context)
    {
        var environment = command.Environment.ToDictionary(pair => pair.Key, pair => (string?)pair.Value.Replace("$HOME", Environment.GetEnvironmentVariable("HOME"), StringComparison.Ordinal), StringComparer.Ordinal);
        if (environment.TryGetValue("KUBECONFIG", out var kubeconfig) && kubeconfig is not null)
        {
            var paths = new List<string>();
            foreach (var path in kubeconfig.Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                if (File.Exists(path))
                    paths.Add(path);
                else if (context.FixtureKubeconfig is { } written && path.StartsWith("/tmp/kube-fixture-", StringComparison.Ordinal))
                    paths.Add(written);
                else
                    paths.Add(await context.FixtureClusterAsync(Path.GetFileNameWithoutExtension(path)));
            }

            environment["KUBECONFIG"] = string.Join(':', paths);
        }

        return environment;
    }

    private static async Task<string> RunKubeFixtureAsync(DocumentedCommand command, BlockContext context)
    {
        var args = command.ProgramArguments.ToList();
        var port = args.IndexOf("--port");
        Assert.True(port >= 0 && int.TryParse(args.ElementAtOrDefault(port + 1), out _), $"{command.Where}: expected --port N");
        args[port + 1] = "0";
        var fixture = await context.StartAsync(FixtureStart("KubeFixture", args), "kubeconfig: ");
        var kubeconfig = fixture.Line["kubeconfig: ".Length..].Trim();
        Assert.True(File.Exists(kubeconfig), $"{command.Where}: the fixture printed kubeconfig {kubeconfig}, which does not exist");
        Assert.Contains(fixture.Output, line => line.StartsWith("Kubernetes fixture API server listening on ", StringComparison.Ordinal) && line.Contains("://127.0.0.1:", StringComparison.Ordinal));
        context.FixtureKubeconfig = kubeconfig;
        return $"ran with --port 0: prints its URL and the kubeconfig it wrote ({kubeconfig})";
    }

    private static async Task<string> RunMonitoringFixtureAsync(DocumentedCommand command, BlockContext context)
    {
        var args = command.ProgramArguments.Select(arg => arg == command.Option("--out") ? context.Folder : arg).ToList();
        if (args.Contains("--run"))
        {
            var running = await context.StartAsync(FixtureStart("MonitoringFixture", args), "ALERTMANAGER_URL=", TimeSpan.FromMinutes(3));
            var prometheus = running.Output.Single(line => line.StartsWith("PROMETHEUS_URL=", StringComparison.Ordinal))["PROMETHEUS_URL=".Length..];
            using var http = new HttpClient();
            var answer = await http.GetStringAsync(new Uri(new Uri(prometheus), "api/v1/query?query=up"), Ct);
            Assert.Contains("\"status\":\"success\"", answer, StringComparison.Ordinal);
            return $"ran: Prometheus at {prometheus} answers a query";
        }

        if (args.Contains("--serve"))
        {
            // A port found free can be taken by another test process before the fixture binds it (the exporter's
            // HttpListener cannot bind port 0): then the fixture exits naming it, and another set of ports is tried.
            for (var attempt = 1; ; attempt++)
            {
                var withPorts = new List<string>(args);
                foreach (var option in new[] { "--prometheus-port", "--alertmanager-port", "--exporter-port" })
                    withPorts.AddRange([option, FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                try
                {
                    var serving = await context.StartAsync(FixtureStart("MonitoringFixture", withPorts), "serving the live exporter on ", TimeSpan.FromMinutes(3));
                    var url = ExporterUrl().Match(serving.Line).Value;
                    using var http = new HttpClient();
                    Assert.Contains("# TYPE", await http.GetStringAsync(new Uri(url), Ct), StringComparison.Ordinal);
                    return $"ran with free ports: the live exporter answers at {url}";
                }
                catch (Exception ex) when (attempt < 3 && ex.Message.Contains("Address already in use", StringComparison.Ordinal))
                {
                    // The next attempt picks new ports.
                    continue;
                }
            }
        }

        var (exitCode, output, errors) = await RunToExitAsync(FixtureStart("MonitoringFixture", args), TimeSpan.FromMinutes(3));
        Assert.True(exitCode == 0, $"{command.Where}: exit {exitCode}\n{errors}");
        Assert.Contains("wrote ", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(context.Folder, "prometheus.yml")), $"{command.Where}: no prometheus.yml in the --out folder");
        return "ran: writes the files and the Prometheus data directory";
    }

    private static string CheckBench(DocumentedCommand command)
    {
        // Covered by .ci/run's short run; here: every option and section the page names is one the bench accepts.
        AssertFileContains(".ci/run", "--project bench/SreSuite.Bench", command);
        var options = File.ReadAllText(Path.Combine(Repository.Root, "bench/SreSuite.Bench/BenchOptions.cs"));
        var sections = string.Concat(Directory.GetFiles(Path.Combine(Repository.Root, "bench/SreSuite.Bench"), "*Section.cs", SearchOption.AllDirectories).Select(File.ReadAllText));
        var written = string.Join(' ', command.Notes);
        foreach (var option in OptionName().Matches(written).Select(match => match.Value))
            Assert.True(options.Contains($"case \"{option}\"", StringComparison.Ordinal), $"{command.Where}: the bench does not accept {option}");
        foreach (var section in (OnlyList().Match(written) is { Success: true } only ? only.Groups["names"].Value.Split(',') : []))
            Assert.True(sections.Contains($"Name => \"{section}\"", StringComparison.Ordinal), $"{command.Where}: the bench has no section '{section}'");
        return "checked: the options and sections it names exist; covered by .ci/run's short bench run";
    }

    private static string CheckBuild(DocumentedCommand command)
    {
        var project = command.Words.ElementAtOrDefault(2) ?? "";
        Assert.True(Directory.Exists(Path.Combine(Repository.Root, project)) && Directory.GetFiles(Path.Combine(Repository.Root, project), "*.csproj").Length == 1,
            $"{command.Where}: {project} is not a project folder");
        return "checked: the project exists; covered by this test project's build and the README's test command";
    }

    private static string CheckPublish(DocumentedCommand command)
    {
        var server = Path.GetFileName(command.Words[2]);
        var property = Assert.Single(command.Words, word => word.StartsWith("-p:", StringComparison.Ordinal));
        Assert.Equal($"artifacts/publish/{server}", command.Option("-o"));
        AssertFileContains(".ci/aot-check", $"publish {server} {property}", command);
        return "covered: .ci/aot-check publishes the same server the same way and checks the binary";
    }

    private static string CheckTestCommand(DocumentedCommand command)
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        Assert.Contains($"<!-- test-command -->\n```bash\n{command.Text}\n```", readme.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        AssertFileContains(".ci/run", "<!-- test-command -->", command);
        return "covered: .ci/run runs the README's test command";
    }

    private static string CheckNpmInstall(DocumentedCommand command)
    {
        var run = File.ReadAllText(Path.Combine(Repository.Root, ".ci/run"));
        foreach (Match variable in ShellVariable().Matches(run))
            run = run.Replace("$" + variable.Groups["name"].Value, variable.Groups["value"].Value, StringComparison.Ordinal);
        Assert.Contains($"npm install --prefix {command.Option("--prefix")}", run, StringComparison.Ordinal);
        foreach (var package in command.Words.Skip(4))
            Assert.True(run.Contains(package, StringComparison.Ordinal), $"{command.Where}: .ci/run does not install {package}");
        return "covered: .ci/run installs the same packages (not run here: it needs the network)";
    }

    private static string CheckInspector(DocumentedCommand command)
    {
        // npx fetches the Inspector from the network: not run. What it is pointed at must be what a server serves.
        Assert.Equal(["npx", "@modelcontextprotocol/inspector"], command.Words);
        var target = command.Notes.Select(note => NotedUrl().Match(note)).FirstOrDefault(match => match.Success)
            ?? throw new Xunit.Sdk.XunitException($"{command.Where}: no URL written for the Inspector");
        var server = ServerServing(new Uri(target.Value));
        Assert.Contains("Transport: Streamable HTTP", string.Join(' ', command.Notes), StringComparison.Ordinal);
        return $"checked: {target.Value} is {server}'s default URL; not run (needs the network)";
    }

    private static async Task<string> RunCurlAsync(DocumentedCommand command)
    {
        var written = new Uri(NotedUrl().Match(command.Text).Value);
        var server = ServerServing(written);
        await using var http = await ServerProcess.StartAsync(server, null, Ct);
        var text = command.Text.Replace($"{written.Scheme}://{written.Authority}", $"{http.BaseUrl.Scheme}://{http.BaseUrl.Authority}", StringComparison.Ordinal);
        var (exitCode, output, errors) = await RunToExitAsync(new ProcessStartInfo("bash", ["-c", text]), TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, $"{command.Where}: curl exit {exitCode}\n{errors}");
        var expected = command.Notes.FirstOrDefault(note => note.StartsWith('→'));
        if (expected is null)
            return $"ran against {server}";
        var json = expected[expected.IndexOf('{', StringComparison.Ordinal)..(expected.LastIndexOf('}') + 1)];
        // The request accepts text/event-stream, so the message may come as an event; the page writes the message.
        var message = output.Split('\n').Where(line => line.StartsWith("data: ", StringComparison.Ordinal)).Select(line => line["data: ".Length..]).FirstOrDefault() ?? output;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(message)), $"{command.Where}: the page says {json}\nthe server answered {output}");
        return $"ran against {server}: the answer is the one the page writes";
    }

    private static string CheckCiStep(DocumentedCommand command)
    {
        var script = Path.Combine(Repository.Root, command.Program!);
        Assert.True(File.Exists(script), $"{command.Where}: {command.Program} does not exist");
        if (!OperatingSystem.IsWindows())
            Assert.True(File.GetUnixFileMode(script).HasFlag(UnixFileMode.UserExecute), $"{command.Where}: {command.Program} is not executable");
        AssertFileContains(".ci/run", command.Program!, command);
        return "covered: .ci/run runs it";
    }

    /// <summary>The server whose launch settings serve <paramref name="url"/> (the ports the pages and the AppHost use).</summary>
    private static string ServerServing(Uri url)
    {
        foreach (var server in StatusTools.Keys)
        {
            var settings = File.ReadAllText(Path.Combine(Repository.Root, "servers", server, "Properties", "launchSettings.json"));
            if (settings.Contains($"\"applicationUrl\": \"{url.Scheme}://{url.Authority}\"", StringComparison.Ordinal))
            {
                Assert.Equal("/mcp", url.AbsolutePath);
                return server;
            }
        }

        throw new Xunit.Sdk.XunitException($"no server's launch settings serve {url}");
    }

    private static IEnumerable<string> Listed(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var value) ? value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];

    private static void AssertFileContains(string file, string text, DocumentedCommand command) =>
        Assert.True(File.ReadAllText(Path.Combine(Repository.Root, file)).Contains(text, StringComparison.Ordinal),
            $"{command.Where}: '{command.Text}' is said to be covered by {file}, which no longer contains '{text}'");

    private static ProcessStartInfo AppHostStart(IReadOnlyDictionary<string, string> environment, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(Repository.Root, "AppHost", "bin", Repository.BuildConfiguration, "net10.0", "AppHost.dll"), .. args])
        {
            WorkingDirectory = Repository.Root,
        };
        foreach (var name in McpClients.IsolatedEnvironment().Keys)
            start.Environment.Remove(name);
        foreach (var (name, value) in environment)
            start.Environment[name] = value.Replace("$HOME", Environment.GetEnvironmentVariable("HOME"), StringComparison.Ordinal);
        return start;
    }

    private static ProcessStartInfo FixtureStart(string fixture, IEnumerable<string> args) =>
        new("dotnet", [Path.Combine(Repository.Root, "demo", fixture, "bin", Repository.BuildConfiguration, "net10.0", $"{fixture}.dll"), .. args])
        {
            WorkingDirectory = Repository.Root,
        };

    /// <summary>Run to exit within <paramref name="deadline"/>, with stdin redirected so no command waits on the test runner's.</summary>
    private static Task<(int ExitCode, string Output, string Errors)> RunToExitAsync(ProcessStartInfo start, TimeSpan deadline)
    {
        start.RedirectStandardInput = true;
        return ProcessRun.ToExitAsync(start, Ct, deadline);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"--[a-z][a-z-]*")]
    private static partial Regex OptionName();

    [GeneratedRegex(@"--only (?<names>[a-z,]+)")]
    private static partial Regex OnlyList();

    [GeneratedRegex(@"^(?<name>[a-z_]+)=(?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex ShellVariable();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/\S*?(?=['""\s]|$)")]
    private static partial Regex NotedUrl();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/metrics")]
    private static partial Regex ExporterUrl();

    [GeneratedRegex(@"^Prometheus__Sources__(?<name>[^_]+)__Url$")]
    private static partial Regex PrometheusSource();

    /// <summary>What one block started: fixture processes and clusters, its scratch folder; all stopped and removed at its end.</summary>
    private sealed class BlockContext : IAsyncDisposable
    {
        private readonly List<Process> _processes = [];
        private readonly Dictionary<string, KubeFixtureServer> _clusters = new(StringComparer.Ordinal);

        public string Folder { get; } = Directory.CreateTempSubdirectory("sresuite-documented-").FullName;

        /// <summary>The kubeconfig a KubeFixture command of this block wrote.</summary>
        public string? FixtureKubeconfig { get; set; }

        /// <summary>The tools the last server this block ran listed.</summary>
        public HashSet<string>? ListedTools { get; set; }

        public async Task<string> FixtureClusterAsync(string context)
        {
            if (!_clusters.TryGetValue(context, out var cluster))
                _clusters[context] = cluster = await KubeFixtureServer.StartAsync(new KubeFixtureOptions { ContextName = context }, Ct);
            return cluster.KubeconfigPath;
        }

        /// <summary>Starts a long-running command and waits for the line that says it is ready.</summary>
        public async Task<(string Line, IReadOnlyList<string> Output)> StartAsync(ProcessStartInfo start, string readyLine, TimeSpan? deadline = null)
        {
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            start.RedirectStandardInput = true;
            start.UseShellExecute = false;
            var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
            _processes.Add(process);
            var output = new List<string>();
            var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, e) => Collect(e.Data);
            process.ErrorDataReceived += (_, e) => Collect(e.Data);
            process.EnableRaisingEvents = true;
            process.Exited += (_, _) => ready.TrySetException(new Xunit.Sdk.XunitException($"{start.ArgumentList[0]} exited before '{readyLine}':\n{Joined()}"));
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(deadline ?? TimeSpan.FromSeconds(90));
            await using var registration = timeout.Token.Register(() => ready.TrySetException(new Xunit.Sdk.XunitException($"{start.ArgumentList[0]} printed no '{readyLine}' in time:\n{Joined()}")));
            var line = await ready.Task;
            lock (output)
                return (line, [.. output]);

            void Collect(string? text)
            {
                if (text is null)
                    return;
                lock (output)
                    output.Add(text);
                if (text.Contains(readyLine, StringComparison.Ordinal))
                    ready.TrySetResult(text);
            }

            string Joined()
            {
                lock (output)
                    return string.Join('\n', output);
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var process in _processes)
            {
                ProcessRun.KillQuietly(process);
                await process.WaitForExitAsync();
                process.Dispose();
            }

            foreach (var cluster in _clusters.Values)
                await cluster.DisposeAsync();
            Directory.Delete(Folder, recursive: true);
        }
    }
}
