namespace SreSuite.Resilience.Tests.Clients;

/// <summary>IncidentTools over HTTP with its local runbooks only; a call that needs no backend shows it still serves.</summary>
public sealed class RunbookServer : IAsyncLifetime
{
    public static readonly IReadOnlyDictionary<string, object?> Search = new Dictionary<string, object?> { ["query"] = "payments error rate" };

    private ServerProcess? _server;

    public ServerProcess Server => _server ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync() =>
        _server = await ServerProcess.StartAsync("IncidentTools", new Dictionary<string, string?>(), TestContext.Current.CancellationToken);

    /// <summary>A well-behaved client, connected afresh, gets the runbook it asks for.</summary>
    public async Task AssertServesOthersAsync(CancellationToken cancellationToken)
    {
        await using var client = await McpClients.ConnectHttpAsync(Server.McpUrl, cancellationToken);
        var result = await client.CallToolAsync("runbook_search", Search, cancellationToken: cancellationToken);
        Assert.False(result.IsError == true, result.Text());
        Assert.Contains("payments-api-high-error-rate", result.Text(), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
