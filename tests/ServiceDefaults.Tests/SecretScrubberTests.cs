using Microsoft.Extensions.Configuration;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ServiceDefaults.Tests;

public sealed class SecretScrubberTests
{
    private static readonly SecretScrubber Scrubber = new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["GITHUB_TOKEN"] = "ghp_plantedGitHubToken123",
        ["PagerDuty:Token"] = "pd-planted-token-456",
        ["Prometheus:BasicPassword"] = "hunter22-planted",
        ["Prometheus:Url"] = "http://prometheus:9090",
        ["Short:Token"] = "abc",
        ["PWD"] = "/work/main",
    }).Build());

    [Theory]
    [InlineData("GITHUB_TOKEN")]
    [InlineData("PagerDuty__Token")]
    [InlineData("api_key")]
    [InlineData("Authorization")]
    [InlineData("client_secret")]
    [InlineData("password")]
    public void Secret_names_are_recognised(string name) => Assert.True(SecretScrubber.IsSecretName(name));

    [Theory]
    [InlineData("PWD")]
    [InlineData("OLDPWD")]
    [InlineData("namespace")]
    [InlineData("tail_lines")]
    [InlineData("query")]
    public void Ordinary_names_are_not_secrets(string name) => Assert.False(SecretScrubber.IsSecretName(name));

    [Fact]
    public void Configured_secret_values_are_redacted_wherever_they_appear()
    {
        var text = Scrubber.Scrub("github said 401 for ghp_plantedGitHubToken123; pd used pd-planted-token-456; pw hunter22-planted; url http://prometheus:9090 abc");

        Assert.DoesNotContain("planted", text, StringComparison.Ordinal);
        Assert.Contains("http://prometheus:9090", text, StringComparison.Ordinal);
        Assert.Contains(" abc", text, StringComparison.Ordinal);
        Assert.Equal("/work/main/samples/runbooks", Scrubber.Scrub("/work/main/samples/runbooks"));
    }

    [Theory]
    [InlineData("Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.sig", "Authorization: Bearer [redacted]")]
    [InlineData("Authorization: Token token=y_NbAkKc66ryYTWUXYEu", "Authorization: Token token= [redacted]")]
    [InlineData("Basic dXNlcjpwYXNzd29yZA==", "Basic [redacted]")]
    public void Authorization_values_are_redacted_even_when_not_configured(string input, string expected) =>
        Assert.Equal(expected, Scrubber.Scrub(input));
}
