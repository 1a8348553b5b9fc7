using SreSuite.InfraTools;
using SreSuite.InfraTools.Kubernetes;
using SreSuite.InfraTools.Tools;
using SreSuite.ServiceDefaults.Hosting;
using SreSuite.ServiceDefaults.Mcp;

var builder = SreServer.CreateBuilder(args, new("InfraTools", "SreSuite InfraTools (Kubernetes)", DefaultPort: 5301));

builder.AddServiceDefaults();
builder.AddKubernetes();

builder.AddSreMcpServer(InfraInstructions.Text)
    .WithSreTools<ContextTools>()
    .WithSreTools<TriageTools>()
    .WithSreTools<PodTools>()
    .WithSreTools<ObjectTools>()
    .WithSreTools<WorkloadTools>()
    .WithSreTools<MetricsTools>()
    .WithSreTools<WriteTools>();

var app = builder.BuildSreServer();
return await app.RunSreServerAsync();
