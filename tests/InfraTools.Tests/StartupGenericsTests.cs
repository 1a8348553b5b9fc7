namespace SreSuite.InfraTools.Tests;

public sealed class StartupGenericsTests : StartupGenericsContract
{
    protected override string ServerName => "InfraTools";
}
