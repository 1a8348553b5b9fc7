namespace SreSuite.InfraTools.Tests;

public sealed class RequestFuzzTests : RequestFuzzBattery
{
    protected override string ServerName => "InfraTools";

    protected override string StatusTool => "k8s_context";

    protected override int Seed => 2200 + 1;
}
