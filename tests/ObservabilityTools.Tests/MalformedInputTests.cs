namespace SreSuite.ObservabilityTools.Tests;

public sealed class MalformedInputTests : MalformedInputBattery
{
    protected override string ServerName => "ObservabilityTools";

    protected override string StatusTool => "prom_status";
}
