using SreSuite.AppHost;

// `config` prints the client entries for the published binaries and deployed URLs, and starts nothing.
if (ClientConfigCommand.TryRun(args))
    return;

// `--clusters production=<scenario>,staging=<scenario>` starts one demo cluster per context (docs/multi-cluster.md).
if (ClustersOption.TryHandle(ref args, out var clusters) is { } clustersExitCode)
{
    Environment.ExitCode = clustersExitCode;
    return;
}

// `--scenario <name or folder>` picks the incident the demo plays (by default the first cluster's with --clusters);
// `--scenario list` lists the library.
if (clusters.Count > 0 && !args.Any(a => a.StartsWith("--scenario", StringComparison.Ordinal)))
    args = [.. args, "--scenario", clusters[0].Scenario.Folder];
if (ScenarioOption.TryHandle(ref args, out var scenario) is { } exitCode)
{
    Environment.ExitCode = exitCode;
    return;
}

var builder = DistributedApplication.CreateBuilder(args);
var samples = SuitePaths.Samples(builder.AppHostDirectory);
var demo = DemoEnvironment.From(builder.Configuration, scenario!, clusters);

// Real Prometheus and Alertmanager when their binaries are installed (on demo history unless PROMETHEUS_URL is set).
var monitoring = builder.AddMonitoring(demo);

// Demo stand-ins, each only where no real backend is configured (Demo__Enabled=false turns them all off).
IReadOnlyList<DemoKubernetes> demoClusters = demo.Kubernetes ? builder.AddDemoClusters(demo) : [];
var demoIncidents = demo.Incidents ? builder.AddDemoIncidents("demo-incidents", demo) : null;

var infra = builder.AddProject<Projects.InfraTools>("infratools")
    .WithKubeconfig(builder.Configuration, demoClusters)
    .WithHttpHealthCheck("/health");

var observability = builder.AddProject<Projects.ObservabilityTools>("observabilitytools")
    .WithMonitoring(builder.Configuration, demo, monitoring)
    .WithHttpHealthCheck("/health");

// Against the demo incident backends, the runbooks and catalog are the scenario's own, so its services resolve.
var (runbooks, catalog) = demoIncidents is not null ? demo.ScenarioRunbooksAndCatalog(samples) : (samples.Runbooks, samples.Catalog);
var incident = builder.AddProject<Projects.IncidentTools>("incidenttools")
    .WithEnvironment("Runbooks__Path", runbooks)
    .WithEnvironment("Catalog__Path", catalog)
    .WithEnvironment("Runbooks__BaseUrl", "https://runbooks.example.com")
    .WithIncidentBackends(builder.Configuration, demo, demoIncidents)
    .WithHttpHealthCheck("/health");

monitoring.ScrapeMetricsOf(infra, observability, incident);

// Status tools name the scenario whenever a backend is a demo fixture.
foreach (var server in new[] { infra, observability, incident })
    server.WithEnvironment("Demo__Scenario", demo.ScenarioName);

builder.AddSuiteBanner(demo, infra, observability, incident);
builder.Build().Run();
