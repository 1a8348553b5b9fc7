namespace SreSuite.ObservabilityTools.Tests;

public sealed class ToolSurfaceTests : ToolSurfaceContract
{
    protected override string ServerName => "ObservabilityTools";

    protected override IReadOnlyList<string> WriteTools => ["am_create_silence", "am_expire_silence"];

    protected override string StatusTool => "prom_status";
}
