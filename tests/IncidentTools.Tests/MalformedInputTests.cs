namespace SreSuite.IncidentTools.Tests;

public sealed class MalformedInputTests : MalformedInputBattery
{
    protected override string ServerName => "IncidentTools";

    protected override string StatusTool => "incident_status";
}
