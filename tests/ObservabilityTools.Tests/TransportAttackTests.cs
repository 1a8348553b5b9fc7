namespace SreSuite.ObservabilityTools.Tests;

public sealed class TransportAttackTests : TransportAttackContract
{
    protected override string ServerName => "ObservabilityTools";

    protected override string StatusTool => "prom_status";
}
