using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SreSuite.KubeFixture.Api;
using SreSuite.KubeFixture.Cluster;
using SreSuite.Scenarios;

namespace SreSuite.KubeFixture;

/// <summary>
/// A Kubernetes API server stand-in on 127.0.0.1 serving a scenario's cluster (or a generated one) over HTTP or HTTPS, for tests,
/// benchmarks and the demo. Start it in-process with <see cref="StartAsync"/> or run the project.
/// </summary>
public sealed class KubeFixtureServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsKubeconfig;
    private readonly FixtureCertificates? _certificates;

    private KubeFixtureServer(WebApplication app, KubeFixtureOptions options, ObjectStore store, RequestLog requests, DateTimeOffset now, Uri url, string kubeconfigPath, bool ownsKubeconfig,
        FixtureCertificates? certificates)
    {
        _app = app;
        _certificates = certificates;
        Options = options;
        Store = store;
        Requests = requests;
        Now = now;
        Url = url;
        KubeconfigPath = kubeconfigPath;
        _ownsKubeconfig = ownsKubeconfig;
    }

    /// <summary>The API server URL, e.g. <c>http://127.0.0.1:41234</c> (<c>https://</c> with <see cref="KubeFixtureOptions.Https"/>).</summary>
    public Uri Url { get; }

    /// <summary>A kubeconfig with one context (<see cref="KubeFixtureOptions.ContextName"/>) pointing here.</summary>
    public string KubeconfigPath { get; }

    /// <summary>The settings in force; <see cref="KubeFixtureOptions.Metrics"/> and the forbidden rules may be changed while running.</summary>
    public KubeFixtureOptions Options { get; }

    /// <summary>The cluster's objects; write requests change only these.</summary>
    public ObjectStore Store { get; }

    /// <summary>Every request received, with its headers.</summary>
    public RequestLog Requests { get; }

    /// <summary>The CA that signed the serving certificate, when serving HTTPS; trust it to call <see cref="Url"/> directly.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? CertificateAuthority => _certificates?.Authority;

    /// <summary>The scenario played (<see cref="KubeFixtureOptions.Scenario"/>, or the default story); null for a generated cluster.</summary>
    public Scenario? Scenario { get; private init; }

    /// <summary>The scenario's cluster and logs; null when a generated cluster is served.</summary>
    public ScenarioCluster? ScenarioCluster { get; private init; }

    /// <summary>The "now" the cluster's times were moved onto.</summary>
    public DateTimeOffset Now { get; }

    public static async Task<KubeFixtureServer> StartAsync(KubeFixtureOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new KubeFixtureOptions();
        var now = options.Now ?? DateTimeOffset.UtcNow;
        Func<DateTimeOffset> clock = options.Now is { } fixedNow ? () => fixedNow : () => DateTimeOffset.UtcNow;
        var store = new ObjectStore();
        // A malformed scenario throws ScenarioFormatException here, before anything listens: one line naming file and field.
        Scenario? scenario = null;
        ScenarioCluster? played = null;
        if (options.GeneratedPods is { } generated)
        {
            GeneratedCluster.Of(generated, now).Populate(store);
        }
        else
        {
            scenario = ScenarioCatalog.Load(options.Scenario, now);
            played = ScenarioCluster.Populate(store, scenario);
        }

        var requests = new RequestLog();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(KubeFixtureServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        var certificates = options.Https ? FixtureCertificates.Create() : null;
        if (certificates is null)
            builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        else
            builder.WebHost.UseKestrelHttpsConfiguration().ConfigureKestrel(kestrel =>
                kestrel.Listen(System.Net.IPAddress.Loopback, options.Port, listen => listen.UseHttps(certificates.Server)));
        var app = builder.Build();
        var api = new KubeApi(store, options, clock, requests, played);
        app.Run(api.HandleAsync);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var url = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        var ownsKubeconfig = options.KubeconfigPath is null;
        var kubeconfigPath = options.KubeconfigPath ?? Path.Combine(Path.GetTempPath(), $"kube-fixture-{url.Port}-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(kubeconfigPath, Kubeconfig(url, options, certificates), cancellationToken);
        return new KubeFixtureServer(app, options, store, requests, now, url, kubeconfigPath, ownsKubeconfig, certificates) { Scenario = scenario, ScenarioCluster = played };
    }

    private static string Kubeconfig(Uri url, KubeFixtureOptions options, FixtureCertificates? certificates)
    {
        var context = options.ContextName;
        var authority = certificates is null
            ? ""
            : $"\n      certificate-authority-data: {Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(certificates.AuthorityPem))}";
        return $"""
            apiVersion: v1
            kind: Config
            current-context: {context}
            clusters:
              - name: {options.ContextName}-cluster
                cluster:
                  server: {url.GetLeftPart(UriPartial.Authority)}{authority}
            users:
              - name: {options.User}
                user:
                  token: {options.Token}
            contexts:
              - name: {context}
                context:
                  cluster: {options.ContextName}-cluster
                  user: {options.User}
                  namespace: {options.Namespace}
            """ + "\n";
    }

    /// <summary>Waits for Ctrl-C or SIGTERM, for the standalone fixture.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsKubeconfig)
            File.Delete(KubeconfigPath);
        _certificates?.Dispose();
    }
}
