using SreSuite.AppHost;

// `config` prints the client entries for the published binaries and deployed URLs, and starts nothing.
if (ClientConfigCommand.TryRun(args))
    return;

var builder = DistributedApplication.CreateBuilder(args);
var samples = SuitePaths.Samples(builder.AppHostDirectory);
var demo = DemoEnvironment.From(builder.Configuration);

// Real Prometheus and Alertmanager when their binaries are installed; the suite runs without them.
var alertmanager = builder.AddAlertmanagerIfInstalled("alertmanager");
var prometheus = builder.AddPrometheusIfInstalled("prometheus", alertmanager);

// Demo stand-ins, each only where no real backend is configured (Demo__Enabled=false turns them all off).
var demoKubernetes = demo.Kubernetes ? builder.AddDemoKubernetes("demo-kubernetes") : null;
var demoIncidents = demo.Incidents ? builder.AddDemoIncidents("demo-incidents") : null;

var infra = builder.AddProject<Projects.InfraTools>("infratools")
    .WithKubeconfig(builder.Configuration, demoKubernetes)
    .WithHttpHealthCheck("/health");

var observability = builder.AddProject<Projects.ObservabilityTools>("observabilitytools")
    .WithBackendUrl("PROMETHEUS_URL", prometheus)
    .WithBackendUrl("ALERTMANAGER_URL", alertmanager)
    .WithHttpHealthCheck("/health");

var incident = builder.AddProject<Projects.IncidentTools>("incidenttools")
    .WithEnvironment("Runbooks__Path", samples.Runbooks)
    .WithEnvironment("Catalog__Path", samples.Catalog)
    .WithEnvironment("Runbooks__BaseUrl", "https://runbooks.example.com")
    .WithIncidentBackends(builder.Configuration, demo, demoIncidents)
    .WithHttpHealthCheck("/health");

prometheus?.ScrapeMetricsOf(infra, observability, incident);

builder.AddSuiteBanner(demo, infra, observability, incident);
builder.Build().Run();
