using SreSuite.IncidentTools;
using SreSuite.IncidentTools.Tools;
using SreSuite.ServiceDefaults.Hosting;
using SreSuite.ServiceDefaults.Mcp;

var builder = SreServer.CreateBuilder(args, new("IncidentTools", "SreSuite IncidentTools (runbooks, incidents, deploys)", DefaultPort: 5303));

builder.AddServiceDefaults();
builder.AddIncidentSources();

builder.AddSreMcpServer(IncidentInstructions.Text)
    .WithTools<StatusTools>();

var app = builder.Build();
app.MapSreEndpoints();
return await app.RunSreServerAsync();
