using SreSuite.KubeFixture;

namespace SreSuite.InfraTools.Tests;

/// <summary>
/// Issue 20 part 4 on a library scenario's log: a ledger whose certificate expired logs healthy logfmt requests
/// between TLS handshake errors. The default k8s_pod_logs answer keeps the error with one line verbatim and shows
/// each route as its own template (the clients that vary collapse), within 2,000 bytes.
/// </summary>
public sealed class ScenarioPodLogsTests
{
    [Fact]
    public async Task A_ledger_with_an_expired_certificate_shows_the_handshake_error_and_each_route_apart()
    {
        var (cluster, server) = await DemoClusterServer.StartAsync(new KubeFixtureOptions { Scenario = "ledger-expired-certificate" }, new Dictionary<string, string?>(), Calls.Ct);
        await using (cluster)
        await using (server)
        {
            await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Calls.Ct);
            var text = await client.TextAsync("k8s_pod_logs", new() { ["namespace"] = "finance", ["pod"] = "ledger-api-7d9f6b8c4q-h3m7z" });
            Console.WriteLine($"k8s_pod_logs finance/ledger-api-7d9f6b8c4q-h3m7z: {Calls.Bytes(text)} bytes");

            Assert.True(Calls.Bytes(text) <= 2000, $"{Calls.Bytes(text)} bytes:\n{text}");
            Assert.Contains("\n    e.g. http: TLS handshake error from 10.43.36.228:37286: remote error: tls: expired certificate\n", text, StringComparison.Ordinal);
            Assert.Contains(" level=INFO msg=request method=POST path=/v1/postings status=<num> duration=<num>ms client=<*>\n", text, StringComparison.Ordinal);
            Assert.Contains(" level=INFO msg=request method=GET path=/v1/accounts/balance status=<num> duration=<num>ms client=billing-portal\n", text, StringComparison.Ordinal);
        }
    }
}
