using SreSuite.IncidentTools;
using SreSuite.IncidentTools.Prompts;
using SreSuite.IncidentTools.Tools;
using SreSuite.ServiceDefaults.Hosting;
using SreSuite.ServiceDefaults.Mcp;

var builder = SreServer.CreateBuilder(args, new("IncidentTools", "SreSuite IncidentTools (runbooks, incidents, deploys)", DefaultPort: 5303));

builder.AddServiceDefaults();
builder.AddIncidentSources();
builder.AddIncidentToolServices();

builder.AddSreMcpServer(IncidentInstructions.Text)
    .WithSreTools<StatusTools>()
    .WithSreTools<RunbookTools>()
    .WithSreTools<CatalogTools>()
    .WithSreTools<IncidentQueryTools>()
    .WithSreTools<DeployTools>()
    .WithSreTools<TimelineTools>()
    .WithSreTools<IncidentWriteTools>()
    .WithPrompts<TriagePrompts>()
    .WithResources<RunbookResources>()
    .WithListResourcesHandler(RunbookResources.ListAsync);

var app = builder.BuildSreServer();
return await app.RunSreServerAsync();
