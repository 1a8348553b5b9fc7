namespace SreSuite.IncidentTools.Tests;

public sealed class GuardrailTests : GuardrailContract
{
    protected override string ServerName => "IncidentTools";

    protected override string StatusTool => "incident_status";

    protected override string ScopePrefix => "incident";
}
