using ModelContextProtocol.Client;
using SreSuite.IncidentFixtures;

namespace SreSuite.IncidentTools.Tests;

/// <summary>
/// The real IncidentTools binary over HTTP, pointed at a fresh in-process <see cref="IncidentFixture"/> for
/// PagerDuty, GitHub and the runbook API, with the write tools enabled.
/// </summary>
public class IncidentServer : IAsyncLifetime
{
    public IncidentFixture Fixture { get; private set; } = null!;

    public ServerProcess Server { get; private set; } = null!;

    public McpClient Client { get; private set; } = null!;

    /// <summary>Settings added to (or overriding) the fixture's; a subclass changes them, knowing the fixture's tokens.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraEnvironment(IncidentFixture fixture) => new Dictionary<string, string?>();

    public virtual async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        Fixture = await IncidentFixture.StartAsync(cancellationToken: ct);
        var environment = Fixture.ServerEnvironment.ToDictionary();
        environment["Runbooks__BaseUrl"] = "https://runbooks.example.com";
        environment["Guardrails__EnableWriteTools"] = "incident_add_note,incident_acknowledge";
        foreach (var (name, value) in ExtraEnvironment(Fixture))
            environment[name] = value;
        Server = await ServerProcess.StartAsync("IncidentTools", environment, ct);
        // 2026-07-28 pinned: write tools ask for confirmation, which reaches a stateless HTTP client only on this version.
        Client = await McpClients.ConnectHttpAsync(Server.McpUrl, ct, "2026-07-28");
    }

    public async Task<(string Text, bool IsError)> CallAsync(string tool, Dictionary<string, object?>? arguments = null)
    {
        var result = await Client.CallToolAsync(tool, arguments ?? [], cancellationToken: TestContext.Current.CancellationToken);
        return (result.Text(), result.IsError == true);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (Client is not null)
            await Client.DisposeAsync();
        if (Server is not null)
            await Server.DisposeAsync();
        if (Fixture is not null)
            await Fixture.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The same with two-second backend timeouts, so the slow-response case ends quickly.</summary>
public sealed class FaultyIncidentServer : IncidentServer
{
    protected override IReadOnlyDictionary<string, string?> ExtraEnvironment(IncidentFixture fixture) => new Dictionary<string, string?>
    {
        ["PagerDuty__TimeoutSeconds"] = "2",
        ["GitHub__TimeoutSeconds"] = "2",
    };

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Fixture.SlowDelay = TimeSpan.FromSeconds(6);
    }
}
