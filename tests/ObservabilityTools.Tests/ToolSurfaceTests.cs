namespace SreSuite.ObservabilityTools.Tests;

public sealed class ToolSurfaceTests : ToolSurfaceContract
{
    protected override string ServerName => "ObservabilityTools";

    protected override IReadOnlyList<string> WriteTools => [];

    protected override string StatusTool => "prom_status";
}
