using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using SreSuite.IncidentFixtures;
using SreSuite.KubeFixture;
using SreSuite.MonitoringFixture;
using SreSuite.Harness;

namespace SreSuite.Bench;

/// <summary>
/// The fixtures and real Prometheus/Alertmanager the benchmark measures against, and the three servers (their
/// Release binaries, over HTTP on loopback) pointed at them. Started once, shared by the sections.
/// </summary>
internal sealed class BenchEnvironment : IAsyncDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("sresuite-bench-").FullName;

    private BenchEnvironment()
    {
    }

    public KubeFixtureServer Cluster { get; private set; } = null!;

    public DemoMonitoring Monitoring { get; private set; } = null!;

    public IncidentFixture Incidents { get; private set; } = null!;

    public ServerProcess Infra { get; private set; } = null!;

    public ServerProcess Observability { get; private set; } = null!;

    public ServerProcess Incident { get; private set; } = null!;

    /// <summary>Each server's audit file, so the benchmark can count records against calls.</summary>
    public IReadOnlyDictionary<string, string> AuditFiles { get; private set; } = new Dictionary<string, string>();

    public static async Task<BenchEnvironment> StartAsync(CancellationToken cancellationToken)
    {
        var environment = new BenchEnvironment();
        var now = DateTimeOffset.UtcNow;
        environment.Cluster = await KubeFixtureServer.StartAsync(
            // HTTPS as a real API server: client-go (the Go peer) and kubectl send no bearer token over plain HTTP.
            new KubeFixtureOptions { Now = now, Https = true }, cancellationToken);
        environment.Monitoring = await DemoMonitoring.StartAsync(Path.Combine(environment._state, "monitoring"), now, TimeSpan.FromSeconds(15), cancellationToken);
        environment.Incidents = await IncidentFixture.StartAsync(now: now, cancellationToken: cancellationToken);

        var audits = new Dictionary<string, string>();
        Dictionary<string, string?> Settings(string server, IEnumerable<KeyValuePair<string, string?>> backends)
        {
            audits[server] = Path.Combine(environment._state, $"{server}-audit.jsonl");
            var settings = new Dictionary<string, string?>(backends)
            {
                ["Audit__File"] = audits[server],
                ["Audit__Stderr"] = "false",
                // The load runs many clients from one address; the limiter is measured by the resilience tests.
                ["Mcp__RateLimitPerMinute"] = "100000000",
            };
            return settings;
        }

        environment.Infra = await ServerProcess.StartAsync("InfraTools", Settings("InfraTools", [new("KUBECONFIG", environment.Cluster.KubeconfigPath)]), cancellationToken);
        environment.Observability = await ServerProcess.StartAsync("ObservabilityTools", Settings("ObservabilityTools",
        [
            new("PROMETHEUS_URL", environment.Monitoring.PrometheusUrl.ToString()),
            new("ALERTMANAGER_URL", environment.Monitoring.AlertmanagerUrl.ToString()),
        ]), cancellationToken);
        environment.Incident = await ServerProcess.StartAsync("IncidentTools", Settings("IncidentTools", environment.Incidents.ServerEnvironment.Append(new("Runbooks__BaseUrl", "https://runbooks.example.com"))), cancellationToken);
        environment.AuditFiles = audits;
        return environment;
    }

    /// <summary>A client for the fixture cluster's API, as kubectl would call it: bearer token, and only the fixture's
    /// own CA trusted for its HTTPS certificate (the CA the kubeconfig carries).</summary>
    public HttpClient KubernetesApi()
    {
        var handler = new HttpClientHandler();
        if (Cluster.CertificateAuthority is { } authority)
        {
            handler.ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is null)
                    return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(authority);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            };
        }

        var http = new HttpClient(handler) { BaseAddress = Cluster.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Cluster.Options.Token);
        return http;
    }

    /// <summary>Resident memory of a server process, in MiB.</summary>
    public static double ResidentMiB(ServerProcess server)
    {
        var line = File.ReadLines($"/proc/{server.ProcessId}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in new[] { Infra, Observability, Incident })
        {
            if (server is not null)
                await server.DisposeAsync();
        }

        if (Incidents is not null)
            await Incidents.DisposeAsync();
        if (Monitoring is not null)
            await Monitoring.DisposeAsync();
        if (Cluster is not null)
            await Cluster.DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }
}
