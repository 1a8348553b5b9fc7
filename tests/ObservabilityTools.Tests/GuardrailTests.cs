namespace SreSuite.ObservabilityTools.Tests;

public sealed class GuardrailTests : GuardrailContract
{
    protected override string ServerName => "ObservabilityTools";

    protected override string StatusTool => "prom_status";

    protected override string ScopePrefix => "observability";
}
