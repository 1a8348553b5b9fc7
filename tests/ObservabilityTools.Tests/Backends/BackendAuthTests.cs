using System.Text;
using SreSuite.ObservabilityTools.Backends;
using SreSuite.ObservabilityTools.Prometheus;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.ObservabilityTools.Tests.Backends;

public sealed class BackendAuthTests
{
    private const string Token = "tok-3b9f0a7c1d";
    private const string Password = "pw-8c2e4f6a0b";

    private static BackendAuth Resolve(PrometheusOptions options, params (string Name, string Value)[] environment)
    {
        var variables = environment.ToDictionary(v => v.Name, v => v.Value);
        return BackendAuth.From(options, PrometheusOptions.Section, PrometheusOptions.VariablePrefix, name => variables.GetValueOrDefault(name));
    }

    private static HttpRequestMessage Applied(BackendAuth auth)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "http://prometheus/api/v1/query");
        auth.Apply(request);
        return request;
    }

    [Fact]
    public void Without_settings_nothing_is_added()
    {
        var auth = Resolve(new PrometheusOptions());

        Assert.Equal(BackendAuthMode.None, auth.Mode);
        Assert.Equal("none", auth.Describe());
        Assert.Empty(Applied(auth).Headers);
    }

    [Fact]
    public void A_token_in_the_environment_means_bearer_and_status_names_the_variable_not_the_token()
    {
        var auth = Resolve(new PrometheusOptions(), ("PROMETHEUS_TOKEN", Token));

        Assert.Equal(BackendAuthMode.Bearer, auth.Mode);
        Assert.Equal($"Bearer {Token}", Applied(auth).Headers.Authorization?.ToString());
        Assert.Equal("bearer token from PROMETHEUS_TOKEN", auth.Describe());
        Assert.DoesNotContain(Token, auth.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Basic_auth_takes_the_user_from_settings_and_the_password_from_the_environment()
    {
        var auth = Resolve(new PrometheusOptions { Auth = "basic", Username = "sre" }, ("PROMETHEUS_PASSWORD", Password));

        var header = Applied(auth).Headers.Authorization!;
        Assert.Equal("Basic", header.Scheme);
        Assert.Equal($"sre:{Password}", Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter!)));
        Assert.Equal("basic as 'sre' (password from PROMETHEUS_PASSWORD)", auth.Describe());
    }

    [Fact]
    public void The_tenant_and_extra_headers_go_on_every_request_and_only_the_tenant_is_shown()
    {
        var options = new PrometheusOptions { TenantId = "team-payments" };
        options.Headers["X-Api-Key"] = "key-77aa";

        var auth = Resolve(options);
        var request = Applied(auth);

        Assert.Equal("team-payments", Assert.Single(request.Headers.GetValues("X-Scope-OrgID")));
        Assert.Equal("key-77aa", Assert.Single(request.Headers.GetValues("X-Api-Key")));
        Assert.Equal("team-payments", auth.TenantId);
        Assert.Equal("none; extra headers X-Api-Key (values hidden)", auth.Describe());
    }

    [Fact]
    public void A_tenant_set_as_a_header_is_the_tenant()
    {
        var options = new PrometheusOptions();
        options.Headers["x-scope-orgid"] = "team-a";

        var auth = Resolve(options);

        Assert.Equal("team-a", auth.TenantId);
        Assert.Empty(auth.Headers);
    }

    [Theory]
    [InlineData("digest", null, null, "Prometheus__Auth", "'digest' is not an auth mode; use none, basic or bearer.")]
    [InlineData("basic", null, null, "Prometheus__Username", "required with Prometheus__Auth=basic.")]
    [InlineData("basic", "sre", null, "PROMETHEUS_PASSWORD", "required with Prometheus__Auth=basic; set it in the environment or mount it and set PROMETHEUS_PASSWORD_FILE.")]
    [InlineData("bearer", null, null, "PROMETHEUS_TOKEN", "required with Prometheus__Auth=bearer; set it in the environment or mount it and set PROMETHEUS_TOKEN_FILE.")]
    [InlineData("basic", "a:b", "pw", "Prometheus__Username", "must not contain ':' or control characters.")]
    public void Inconsistent_settings_are_refused_naming_the_setting(string mode, string? username, string? password, string setting, string problem)
    {
        var environment = password is null ? [] : new[] { ("PROMETHEUS_PASSWORD", password) };

        var error = Assert.Throws<InvalidSettingException>(() => Resolve(new PrometheusOptions { Auth = mode, Username = username }, environment));

        Assert.Equal(setting, error.Setting);
        Assert.Equal($"{setting}: {problem}", error.Message);
    }

    [Theory]
    [InlineData("Bad Header", "is not a valid HTTP header name.")]
    [InlineData("Authorization", "conflicts with Prometheus__Auth=bearer; set one or the other.")]
    public void Bad_extra_headers_are_refused_naming_them(string name, string problem)
    {
        var options = new PrometheusOptions();
        options.Headers[name] = "x";

        var error = Assert.Throws<InvalidSettingException>(() => Resolve(options, ("PROMETHEUS_TOKEN", Token)));

        Assert.Equal($"Prometheus__Headers__{name}", error.Setting);
        Assert.EndsWith(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tenant_given_twice_is_refused()
    {
        var options = new PrometheusOptions { TenantId = "a" };
        options.Headers["X-Scope-OrgID"] = "b";

        var error = Assert.Throws<InvalidSettingException>(() => Resolve(options));

        Assert.Equal("Prometheus__Headers__X-Scope-OrgID", error.Setting);
    }
}
