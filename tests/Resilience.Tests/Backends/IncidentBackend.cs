using SreSuite.IncidentFixtures;

namespace SreSuite.Resilience.Tests.Backends;

/// <summary>IncidentTools with the incident fixture; one of its backends (PagerDuty or GitHub) behind the proxy.</summary>
public abstract class IncidentBackend : FaultyBackend
{
    private IncidentFixture? _fixture;

    protected IncidentFixture Fixture => _fixture ?? throw new InvalidOperationException("not started");

    public override string ServerName => "IncidentTools";

    /// <summary>The setting that holds the proxied backend's URL.</summary>
    protected abstract string UrlSetting { get; }

    protected abstract Uri UpstreamOf(IncidentFixture fixture);

    protected override async Task<Uri> StartUpstreamAsync(CancellationToken cancellationToken)
    {
        _fixture = await IncidentFixture.StartAsync(cancellationToken: cancellationToken);
        return UpstreamOf(_fixture);
    }

    protected override Task<IReadOnlyDictionary<string, string?>> SettingsAsync(Uri proxied, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>(Fixture.ServerEnvironment) { [UrlSetting] = proxied.ToString() });

    protected override async ValueTask StopUpstreamAsync()
    {
        if (_fixture is not null)
            await _fixture.DisposeAsync();
    }
}
