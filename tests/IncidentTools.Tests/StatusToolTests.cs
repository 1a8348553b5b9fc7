namespace SreSuite.IncidentTools.Tests;

public sealed class StatusToolTests : StatusToolContract
{
    protected override string ServerName => "IncidentTools";

    protected override string StatusTool => "incident_status";

    protected override string UnconfiguredBackendLine => "incidents: not configured: set PAGERDUTY_TOKEN";
}
