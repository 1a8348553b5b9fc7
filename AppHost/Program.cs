using SreSuite.AppHost;

var builder = DistributedApplication.CreateBuilder(args);
var samples = SuitePaths.Samples(builder.AppHostDirectory);

// Real Prometheus and Alertmanager when their binaries are installed; the suite runs without them.
var alertmanager = builder.AddAlertmanagerIfInstalled("alertmanager");
var prometheus = builder.AddPrometheusIfInstalled("prometheus", alertmanager);

var infra = builder.AddProject<Projects.InfraTools>("infratools")
    .WithExplicitKubeconfig(builder.Configuration)
    .WithHttpHealthCheck("/health");

var observability = builder.AddProject<Projects.ObservabilityTools>("observabilitytools")
    .WithBackendUrl("PROMETHEUS_URL", prometheus)
    .WithBackendUrl("ALERTMANAGER_URL", alertmanager)
    .WithHttpHealthCheck("/health");

var incident = builder.AddProject<Projects.IncidentTools>("incidenttools")
    .WithEnvironment("Runbooks__Path", samples.Runbooks)
    .WithEnvironment("Catalog__Path", samples.Catalog)
    .WithHttpHealthCheck("/health");

prometheus?.ScrapeMetricsOf(infra, observability, incident);

builder.AddSuiteBanner(infra, observability, incident);
builder.Build().Run();
