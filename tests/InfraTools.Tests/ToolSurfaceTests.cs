namespace SreSuite.InfraTools.Tests;

public sealed class ToolSurfaceTests : ToolSurfaceContract
{
    protected override string ServerName => "InfraTools";

    protected override IReadOnlyList<string> WriteTools => [];

    protected override string StatusTool => "k8s_context";
}
