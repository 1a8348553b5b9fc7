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
    public void Secret_names_are_recognised(string name) => Assert.True(CredentialNames.LooksLikeCredential(name));

    [Theory]
    [InlineData("PWD")]
    [InlineData("OLDPWD")]
    [InlineData("namespace")]
    [InlineData("tail_lines")]
    [InlineData("query")]
    public void Ordinary_names_are_not_secrets(string name) => Assert.False(CredentialNames.LooksLikeCredential(name));

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

    [Theory]
    [InlineData("2026-12-06T10:00:01Z connecting with password=hunter2-log-planted to db", "password=[redacted] to db")]
    [InlineData("env DB_PASSWORD=hunter2-env-planted LOG_LEVEL=info", "DB_PASSWORD=[redacted] LOG_LEVEL=info")]
    [InlineData("JAVA_OPTS=-Xmx1g -Ddb.password=hunter2-opts-planted", "-Ddb.password=[redacted]")]
    [InlineData("{\"level\":\"info\",\"db_pwd\":\"hunter2 json planted\",\"msg\":\"ok\"}", "\"db_pwd\":\"[redacted]\",\"msg\":\"ok\"")]
    [InlineData("config: {\\\"signing_key\\\":\\\"hunter2-escaped-planted\\\"}", "signing_key\\\":\\\"[redacted]\\\"")]
    [InlineData("apiKey: 'hunter2-yaml-planted'", "apiKey: '[redacted]'")]
    [InlineData("data:\n  DB_PASSWORD: hunter2-configmap-planted\n  LOG_LEVEL: info", "DB_PASSWORD: [redacted]\n")]
    [InlineData("dial postgres://payments:hunter2-url-planted@db.payments:5432/payments failed", "postgres://payments:[redacted]@db.payments:5432/payments failed")]
    [InlineData("DATABASE_URL=postgres://u:hunter2-dburl-planted@db/x", "DATABASE_URL=[redacted]")]
    [InlineData("using AKIAIOSFODNN7PLANTED for s3", "using [redacted] for s3")]
    [InlineData("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYPLANTEDKEY", "aws_secret_access_key = [redacted]")]
    [InlineData("token ghp_0123456789abcdefghijklmnopqrstuvwxyzAB leaked", "token [redacted] leaked")]
    [InlineData("curl -H 'Authorization: Bearer sk-live-hunter2planted'", "Authorization: Bearer [redacted]'")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIEplantedkeybody\n-----END RSA PRIVATE KEY-----\nnext line", "-----BEGIN RSA PRIVATE KEY----- [redacted]\nnext line")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nMIIEplantedcutoff", "-----BEGIN PRIVATE KEY----- [redacted]")]
    public void Secret_shaped_values_are_redacted_wherever_they_appear(string input, string expectedPart)
    {
        var scrubbed = Scrubber.Scrub(input);

        Assert.DoesNotContain("planted", scrubbed, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(expectedPart, scrubbed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DB_PASSWORD=<secret payments-db-credentials key password>")]
    [InlineData("RATES_API_KEY: \"(redacted: the name looks like a credential)\"")]
    [InlineData("secretName: payments-api-tls")]
    [InlineData("- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef: {name: payments-db-credentials, key: password}")]
    [InlineData("url http://prometheus:9090/api/v1/query?query=up")]
    [InlineData("Guardrails__EnableWriteTools=k8s_scale")]
    [InlineData("password: ${DB_PASSWORD}")]
    [InlineData("secrets: never read; managedFields and last-applied-configuration always stripped")]
    [InlineData("prometheus auth: bearer token from PROMETHEUS_TOKEN")]
    [InlineData("credentials: KUBECONFIG=/tmp/kubeconfig.yaml")]
    public void Ordinary_text_and_secret_references_are_left_alone(string input) => Assert.Equal(input, Scrubber.Scrub(input));

    [Fact]
    public void Runtime_secrets_are_redacted_once_registered()
    {
        var scrubber = new SecretScrubber(new ConfigurationBuilder().Build());
        const string token = "kubeconfig-runtime-token-0123";
        Assert.Contains(token, scrubber.Scrub($"403: user with token {token} is forbidden"), StringComparison.Ordinal);

        scrubber.AddRuntimeSecrets([token, "abc", null]);

        Assert.Equal("403: user with token [redacted] is forbidden", scrubber.Scrub($"403: user with token {token} is forbidden"));
        Assert.Equal("abc", scrubber.Scrub("abc"));
    }
}
