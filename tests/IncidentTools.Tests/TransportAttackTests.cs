namespace SreSuite.IncidentTools.Tests;

public sealed class TransportAttackTests : TransportAttackContract
{
    protected override string ServerName => "IncidentTools";

    protected override string StatusTool => "incident_status";
}
