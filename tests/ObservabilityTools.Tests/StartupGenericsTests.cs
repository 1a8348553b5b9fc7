namespace SreSuite.ObservabilityTools.Tests;

public sealed class StartupGenericsTests : StartupGenericsContract
{
    protected override string ServerName => "ObservabilityTools";
}
