namespace SreSuite.IncidentTools.Tests;

public sealed class ToolSurfaceTests : ToolSurfaceContract
{
    protected override string ServerName => "IncidentTools";

    protected override IReadOnlyList<string> WriteTools => ["incident_acknowledge", "incident_add_note"];

    protected override string StatusTool => "incident_status";
}
