using ModelContextProtocol.Client;
using SreSuite.KubeFixture;

[assembly: AssemblyFixture(typeof(SreSuite.InfraTools.Tests.DemoClusterServer))]

namespace SreSuite.InfraTools.Tests;

/// <summary>
/// The demo cluster (KubeFixture, in process, over real HTTP) and one InfraTools server bound to it, shared by
/// every read-only test. Tests that change the cluster or need other settings start their own with <see cref="StartAsync"/>.
/// </summary>
public sealed class DemoClusterServer : IAsyncLifetime
{
    private KubeFixtureServer? _cluster;
    private ServerProcess? _server;

    public KubeFixtureServer Cluster => _cluster ?? throw new InvalidOperationException("not started");

    public ServerProcess Server => _server ?? throw new InvalidOperationException("not started");

    public Task<McpClient> ConnectAsync(CancellationToken cancellationToken) => McpClients.ConnectHttpAsync(Server.McpUrl, cancellationToken);

    public async ValueTask InitializeAsync()
    {
        (_cluster, _server) = await StartAsync(new KubeFixtureOptions(), new Dictionary<string, string?>(), CancellationToken.None);
    }

    /// <summary>Starts a fixture cluster and an InfraTools process pinned to it; <paramref name="environment"/> adds settings.</summary>
    public static async Task<(KubeFixtureServer Cluster, ServerProcess Server)> StartAsync(
        KubeFixtureOptions options, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        var cluster = await KubeFixtureServer.StartAsync(options, cancellationToken);
        try
        {
            var settings = new Dictionary<string, string?>(environment) { ["KUBECONFIG"] = cluster.KubeconfigPath };
            var server = await ServerProcess.StartAsync("InfraTools", settings, cancellationToken);
            return (cluster, server);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        if (_cluster is not null)
            await _cluster.DisposeAsync();
    }
}
