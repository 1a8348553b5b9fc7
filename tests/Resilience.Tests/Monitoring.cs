using SreSuite.MonitoringFixture;

[assembly: AssemblyFixture(typeof(SreSuite.Resilience.Tests.Monitoring))]

namespace SreSuite.Resilience.Tests;

/// <summary>
/// The demo's real Prometheus and Alertmanager (history, firing alert, seeded alerts), shared by the assembly.
/// Started by the first test that needs it, so tests that do not run meanwhile.
/// </summary>
public sealed class Monitoring : IAsyncLifetime
{
    private readonly string _state = Directory.CreateTempSubdirectory("sresuite-resilience-monitoring-").FullName;
    private readonly Lazy<Task<DemoMonitoring>> _stack;

    public Monitoring() =>
        // A short evaluation interval lets Prometheus restore the alert's 'for' state within seconds. Not bound
        // to one test's cancellation: every test that asks shares the one start.
        _stack = new(() => DemoMonitoring.StartAsync(_state, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(2), CancellationToken.None));

    public Task<DemoMonitoring> StackAsync() => _stack.Value;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_stack.IsValueCreated)
            await (await _stack.Value).DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }
}
