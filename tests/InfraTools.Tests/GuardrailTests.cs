namespace SreSuite.InfraTools.Tests;

public sealed class GuardrailTests : GuardrailContract
{
    protected override string ServerName => "InfraTools";

    protected override string StatusTool => "k8s_context";

    protected override string ScopePrefix => "infra";
}
