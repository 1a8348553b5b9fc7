namespace SreSuite.InfraTools.Tests;

public sealed class ToolSurfaceTests : ToolSurfaceContract
{
    protected override string ServerName => "InfraTools";

    protected override IReadOnlyList<string> WriteTools => ["k8s_delete_pod", "k8s_rollout_restart", "k8s_scale"];

    protected override string StatusTool => "k8s_context";
}
