namespace SreSuite.ObservabilityTools.Tests;

public sealed class RequestFuzzTests : RequestFuzzBattery
{
    protected override string ServerName => "ObservabilityTools";

    protected override string StatusTool => "prom_status";

    protected override int Seed => 2200 + 2;
}
