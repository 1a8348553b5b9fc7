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
    .WithTools<StatusTools>()
    .WithTools<RunbookTools>()
    .WithTools<CatalogTools>()
    .WithTools<IncidentQueryTools>()
    .WithTools<DeployTools>()
    .WithTools<TimelineTools>()
    .WithTools<IncidentWriteTools>()
    .WithPrompts<TriagePrompts>()
    .WithResources<RunbookResources>()
    .WithListResourcesHandler(RunbookResources.ListAsync);

var app = builder.BuildSreServer();
return await app.RunSreServerAsync();
