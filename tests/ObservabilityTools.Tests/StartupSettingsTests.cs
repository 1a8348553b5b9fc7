namespace SreSuite.ObservabilityTools.Tests;

public sealed class StartupSettingsTests
{
    [Theory]
    [InlineData("PROMETHEUS_URL", "htp:/prometheus:9090")]
    [InlineData("Prometheus__Url", "prometheus:9090")]
    [InlineData("ALERTMANAGER_URL", "ftp://alertmanager")]
    public Task Malformed_backend_url_is_named(string setting, string value) =>
        StartupAssertions.RefusesToStartNamingAsync("ObservabilityTools", setting, new Dictionary<string, string?> { [setting] = value });
}
