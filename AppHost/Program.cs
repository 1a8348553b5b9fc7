using SreSuite.AppHost;

// `config` prints the client entries for the published binaries and deployed URLs, and starts nothing.
if (ClientConfigCommand.TryRun(args))
    return;

// `--scenario <name or folder>` picks the incident the demo plays; `--scenario list` lists the library.
if (ScenarioOption.TryHandle(ref args, out var scenario) is { } exitCode)
{
    Environment.ExitCode = exitCode;
    return;
}

var builder = DistributedApplication.CreateBuilder(args);
var samples = SuitePaths.Samples(builder.AppHostDirectory);
var demo = DemoEnvironment.From(builder.Configuration, scenario!);

// Real Prometheus and Alertmanager when their binaries are installed (on demo history unless PROMETHEUS_URL is set).
var monitoring = builder.AddMonitoring(demo);

// Demo stand-ins, each only where no real backend is configured (Demo__Enabled=false turns them all off).
var demoKubernetes = demo.Kubernetes ? builder.AddDemoKubernetes("demo-kubernetes", demo) : null;
var demoIncidents = demo.Incidents ? builder.AddDemoIncidents("demo-incidents", demo) : null;

var infra = builder.AddProject<Projects.InfraTools>("infratools")
    .WithKubeconfig(builder.Configuration, demoKubernetes)
    .WithHttpHealthCheck("/health");

var observability = builder.AddProject<Projects.ObservabilityTools>("observabilitytools")
    .WithMonitoring(builder.Configuration, demo, monitoring)
    .WithHttpHealthCheck("/health");

var incident = builder.AddProject<Projects.IncidentTools>("incidenttools")
    .WithEnvironment("Runbooks__Path", samples.Runbooks)
    .WithEnvironment("Catalog__Path", samples.Catalog)
    .WithEnvironment("Runbooks__BaseUrl", "https://runbooks.example.com")
    .WithIncidentBackends(builder.Configuration, demo, demoIncidents)
    .WithHttpHealthCheck("/health");

monitoring.ScrapeMetricsOf(infra, observability, incident);

// Status tools name the scenario whenever a backend is a demo fixture.
foreach (var server in new[] { infra, observability, incident })
    server.WithEnvironment("Demo__Scenario", demo.ScenarioName);

builder.AddSuiteBanner(demo, infra, observability, incident);
builder.Build().Run();
