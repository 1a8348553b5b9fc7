namespace SreSuite.InfraTools.Tests;

public sealed class ClusterBindingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Status_names_the_pinned_context_and_says_when_the_api_server_is_unreachable()
    {
        var kubeconfig = await Kubeconfigs.WriteAsync("https://127.0.0.1:1", Ct);
        try
        {
            await using var server = await ServerProcess.StartAsync("InfraTools", new Dictionary<string, string?> { ["KUBECONFIG"] = kubeconfig }, Ct);
            await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

            var text = (await client.CallToolAsync("k8s_context", cancellationToken: Ct)).Text();

            Assert.Contains("context: staging", text, StringComparison.Ordinal);
            Assert.Contains("cluster: staging-cluster", text, StringComparison.Ordinal);
            Assert.Contains("api server: https://127.0.0.1:1", text, StringComparison.Ordinal);
            Assert.Contains("user: sre-bot", text, StringComparison.Ordinal);
            Assert.Contains("default namespace: payments", text, StringComparison.Ordinal);
            Assert.Contains("kubernetes version: unreachable (", text, StringComparison.Ordinal);
            Assert.DoesNotContain("planted-token-value", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    [Fact]
    public async Task Health_is_unhealthy_when_the_api_server_is_unreachable_and_alive_stays_up()
    {
        var kubeconfig = await Kubeconfigs.WriteAsync("https://127.0.0.1:1", Ct);
        try
        {
            await using var server = await ServerProcess.StartAsync("InfraTools", new Dictionary<string, string?> { ["KUBECONFIG"] = kubeconfig }, Ct);
            using var http = new HttpClient { BaseAddress = server.BaseUrl };

            using var health = await http.GetAsync(new Uri("/health", UriKind.Relative), Ct);
            using var alive = await http.GetAsync(new Uri("/alive", UriKind.Relative), Ct);

            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Contains("context staging: API server unreachable", await health.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            Assert.Equal(System.Net.HttpStatusCode.OK, alive.StatusCode);
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }
}
