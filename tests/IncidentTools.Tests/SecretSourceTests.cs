using SreSuite.IncidentFixtures;

namespace SreSuite.IncidentTools.Tests;

/// <summary>
/// Every IncidentTools backend token follows the one rule (ServiceDefaults <c>Secrets</c>): from its environment
/// variable or the file <c>&lt;VARIABLE&gt;_FILE</c> names (a Vault agent or CSI mount), never from configuration.
/// </summary>
public sealed class SecretSourceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> Backends => new()
    {
        { "PAGERDUTY_TOKEN", "PagerDuty__Token", "incidents: " },
        { "GITHUB_TOKEN", "GitHub__Token", "deploys: " },
        { "RUNBOOK_API_TOKEN", "RunbookApi__Token", "runbook api: " },
    };

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_token_from_a_mounted_file_is_used_and_one_from_configuration_is_not(string variable, string configurationKey, string statusLine)
    {
        await using var fixture = await IncidentFixture.StartAsync(cancellationToken: Ct);
        var token = fixture.ServerEnvironment[variable]!;
        var file = Path.Combine(Path.GetTempPath(), $"sresuite-secret-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(file, token + "\n", Ct);
        try
        {
            var mounted = fixture.ServerEnvironment.ToDictionary();
            mounted[variable] = null;
            mounted[variable + "_FILE"] = file;
            var fromFile = await StatusLineAsync(mounted, statusLine);
            Assert.DoesNotContain("not configured", fromFile, StringComparison.Ordinal);
            Assert.DoesNotContain("unreachable", fromFile, StringComparison.Ordinal);

            var configured = fixture.ServerEnvironment.ToDictionary();
            configured[variable] = null;
            configured[configurationKey] = token;
            var fromConfiguration = await StatusLineAsync(configured, statusLine);
            Assert.True(fromConfiguration.Contains("not configured", StringComparison.Ordinal) || fromConfiguration.Contains("401", StringComparison.Ordinal), fromConfiguration);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_token_set_both_ways_or_a_missing_file_stops_the_server_naming_the_variable()
    {
        await using var fixture = await IncidentFixture.StartAsync(cancellationToken: Ct);
        var both = fixture.ServerEnvironment.ToDictionary();
        both["PAGERDUTY_TOKEN_FILE"] = Path.Combine(Path.GetTempPath(), "sresuite-no-such-secret");
        await StartupAssertions.RefusesToStartNamingAsync("IncidentTools", "PAGERDUTY_TOKEN_FILE", both);

        var missing = fixture.ServerEnvironment.ToDictionary();
        missing["PAGERDUTY_TOKEN"] = null;
        missing["PAGERDUTY_TOKEN_FILE"] = Path.Combine(Path.GetTempPath(), "sresuite-no-such-secret");
        await StartupAssertions.RefusesToStartNamingAsync("IncidentTools", "PAGERDUTY_TOKEN_FILE", missing);
    }

    private static async Task<string> StatusLineAsync(Dictionary<string, string?> environment, string prefix)
    {
        await using var server = await ServerProcess.StartAsync("IncidentTools", environment, Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);
        var status = await client.CallToolAsync("incident_status", cancellationToken: Ct);
        return status.Text().Split('\n').Single(line => line.StartsWith(prefix, StringComparison.Ordinal));
    }
}
