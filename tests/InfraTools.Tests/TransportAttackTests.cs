namespace SreSuite.InfraTools.Tests;

public sealed class TransportAttackTests : TransportAttackContract
{
    protected override string ServerName => "InfraTools";

    protected override string StatusTool => "k8s_context";
}
