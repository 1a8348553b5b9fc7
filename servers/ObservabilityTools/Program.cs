using SreSuite.ObservabilityTools;
using SreSuite.ObservabilityTools.Tools;
using SreSuite.ServiceDefaults.Hosting;
using SreSuite.ServiceDefaults.Mcp;

var builder = SreServer.CreateBuilder(args, new("ObservabilityTools", "SreSuite ObservabilityTools (Prometheus, Alertmanager)", DefaultPort: 5302));

builder.AddServiceDefaults();
builder.AddObservabilityBackends();

builder.AddSreMcpServer(ObservabilityInstructions.Text)
    .WithSreTools<StatusTools>()
    .WithSreTools<QueryTools>()
    .WithSreTools<DiscoveryTools>()
    .WithSreTools<PrometheusAlertTools>()
    .WithSreTools<AlertmanagerTools>()
    .WithSreTools<SilenceTools>();

var app = builder.BuildSreServer();
return await app.RunSreServerAsync();
