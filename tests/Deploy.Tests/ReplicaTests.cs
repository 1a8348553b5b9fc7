using ModelContextProtocol.Client;

namespace SreSuite.Deploy.Tests;

/// <summary>
/// The Deployments run two replicas behind a plain Service, without sticky sessions: a client whose requests land on
/// either replica in turn must see one working server.
/// </summary>
public sealed partial class ReplicaTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_client_spread_over_two_replicas_without_sticky_sessions_is_served_by_both()
    {
        using var auditA = new AuditLog();
        using var auditB = new AuditLog();
        await using var replicaA = await ServerProcess.StartAsync("IncidentTools", auditA.Settings, Ct);
        await using var replicaB = await ServerProcess.StartAsync("IncidentTools", auditB.Settings, Ct);
        using var balancer = new RoundRobin([replicaA.BaseUrl, replicaB.BaseUrl]);
        using var http = new HttpClient(balancer);

        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = replicaA.McpUrl, TransportMode = HttpTransportMode.StreamableHttp }, http);
        await using var client = await McpClient.CreateAsync(transport, cancellationToken: Ct);
        var tools = await client.ListToolsAsync(cancellationToken: Ct);
        var answers = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var result = await client.CallToolAsync("runbook_lookup", new Dictionary<string, object?> { ["alert"] = "PaymentsApiHighErrorRate" }, cancellationToken: Ct);
            Assert.NotEqual(true, result.IsError);
            answers.Add(result.Text());
        }

        Assert.Contains(tools, tool => tool.Name == "runbook_lookup");
        // Each answer fences runbook text with its own random nonce; apart from that, both replicas answer the same.
        Assert.Single(answers.Select(answer => FenceNonce().Replace(answer, "untrusted text <nonce>")).Distinct());
        Assert.All(balancer.Sent.Values, count => Assert.True(count >= 4, $"each replica should get a share of the requests: {string.Join(", ", balancer.Sent)}"));
        // A record is written just after its response is sent, so the last call's may not be on disk yet: wait for
        // all six (or five seconds) before counting, rather than reading each file once.
        var (callsA, callsB) = (0, 0);
        for (var attempt = 0; attempt < 50 && callsA + callsB < 6; attempt++)
        {
            if (attempt > 0)
                await Task.Delay(100, Ct);
            (callsA, callsB) = (auditA.Records().Count, auditB.Records().Count);
        }

        Assert.True(callsA > 0 && callsB > 0, $"audit records: replica A {callsA}, replica B {callsB}");
        Assert.Equal(6, callsA + callsB);
    }

    /// <summary>A load balancer in front of the replicas: each request goes to the next one, whatever came before.</summary>
    private sealed class RoundRobin(IReadOnlyList<Uri> replicas) : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _next;

        public Dictionary<Uri, int> Sent { get; } = replicas.ToDictionary(replica => replica, _ => 0);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var replica = replicas[Interlocked.Increment(ref _next) % replicas.Count];
            lock (Sent)
                Sent[replica]++;
            request.RequestUri = new UriBuilder(request.RequestUri!) { Host = replica.Host, Port = replica.Port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"untrusted text [0-9a-f]{12}")]
    private static partial System.Text.RegularExpressions.Regex FenceNonce();
}
