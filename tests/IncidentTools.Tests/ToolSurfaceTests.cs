namespace SreSuite.IncidentTools.Tests;

public sealed class ToolSurfaceTests : ToolSurfaceContract
{
    protected override string ServerName => "IncidentTools";

    protected override IReadOnlyList<string> WriteTools => [];
}
