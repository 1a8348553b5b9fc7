namespace SreSuite.ObservabilityTools.Tests;

public sealed class StatusToolTests : StatusToolContract
{
    protected override string ServerName => "ObservabilityTools";

    protected override string StatusTool => "prom_status";

    protected override string UnconfiguredBackendLine => "prometheus: no Prometheus configured: set PROMETHEUS_URL";
}
