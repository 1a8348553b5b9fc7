namespace SreSuite.IncidentTools.Tests;

public sealed class RequestFuzzTests : RequestFuzzBattery
{
    protected override string ServerName => "IncidentTools";

    protected override string StatusTool => "incident_status";

    protected override int Seed => 2200 + 3;
}
