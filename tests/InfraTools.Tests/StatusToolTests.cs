namespace SreSuite.InfraTools.Tests;

public sealed class StatusToolTests : StatusToolContract
{
    protected override string ServerName => "InfraTools";

    protected override string StatusTool => "k8s_context";

    protected override string UnconfiguredBackendLine => "cluster: no cluster configured: set KUBECONFIG";
}
