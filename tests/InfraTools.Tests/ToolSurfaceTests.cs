namespace SreSuite.InfraTools.Tests;

public sealed class ToolSurfaceTests : ToolSurfaceContract
{
    protected override string ServerName => "InfraTools";

    protected override IReadOnlyList<string> WriteTools => [];
}
