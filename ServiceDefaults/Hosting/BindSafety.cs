using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SreSuite.ServiceDefaults.Security;

namespace SreSuite.ServiceDefaults.Hosting;

/// <summary>
/// No bind beyond loopback without OAuth, decided from the addresses Kestrel actually listens on once started
/// (<see cref="IServerAddressesFeature"/>), whichever source they came from: <c>--urls</c>, <c>ASPNETCORE_URLS</c>,
/// <c>HTTP_PORTS</c>, <c>Kestrel__Endpoints__*__Url</c>, <c>0.0.0.0</c>, <c>[::]</c>, <c>*</c> or a host name. Requests wait
/// until the check passes; when it fails the listener is closed before any is served and start-up ends with
/// one line.
/// </summary>
public static class BindSafety
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    private static volatile bool s_refusing;

    /// <summary>Wraps the registered server (Kestrel) so it checks its own addresses as it starts.</summary>
    public static void Guard(IServiceCollection services, ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(logging);
        // The refusal is reported in one line by RunSreServerAsync; the host's own "Hosting failed to start" and
        // stack trace for it would bury that line.
        logging.AddFilter(HostCategory, level => level >= LogLevel.Information && (!s_refusing || level < LogLevel.Error));
        var kestrel = services.LastOrDefault(descriptor => descriptor.ServiceType == typeof(IServer));
        if (kestrel is null)
            return;
        services.Remove(kestrel);
        services.AddSingleton<IServer>(provider => new CheckedServer(Create(provider, kestrel), provider));
    }

    /// <summary>The first address that is not loopback, or null when every one is.</summary>
    public static string? BeyondLoopback(IEnumerable<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        foreach (var address in addresses)
        {
            // Kestrel reports what it bound: http://127.0.0.1:5301, http://[::]:80, http://0.0.0.0:6466, http://localhost:5000.
            var host = address.Split("://", 2)[^1].Split('/')[0];
            host = host.StartsWith('[') ? host[1..Math.Max(1, host.IndexOf(']', StringComparison.Ordinal))] : host.Split(':')[0];
            var loopback = host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
                || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
            if (!loopback)
                return address;
        }

        return null;
    }

    private static IServer Create(IServiceProvider provider, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance as IServer
        ?? descriptor.ImplementationFactory?.Invoke(provider) as IServer
        ?? (IServer)ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!);

    private sealed class CheckedServer(IServer inner, IServiceProvider provider) : IServer
    {
        private readonly TaskCompletionSource<bool> _safe = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IFeatureCollection Features => inner.Features;

        public async Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull
        {
            await inner.StartAsync(new GatedApplication<TContext>(application, _safe.Task), cancellationToken);
            var auth = provider.GetService<IOptions<AuthOptions>>()?.Value;
            var addresses = inner.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var remote = auth is { Enabled: false, AllowUnauthenticatedRemote: false } ? BeyondLoopback(addresses) : null;
            if (remote is null)
            {
                _safe.TrySetResult(true);
                return;
            }

            _safe.TrySetResult(false);
            s_refusing = true;
            await inner.StopAsync(cancellationToken);
            throw new InvalidSettingException("Auth__Authority",
                $"the server listens on {remote}, beyond loopback without authentication; configure Auth__Authority and Auth__Audience, " +
                "or set Mcp__AllowUnauthenticatedRemote=true when a gateway in front authenticates callers.");
        }

        public Task StopAsync(CancellationToken cancellationToken) => inner.StopAsync(cancellationToken);

        public void Dispose() => inner.Dispose();
    }

    /// <summary>Holds every request until the bind check has passed; after a failed check none is served.</summary>
    private sealed class GatedApplication<TContext>(IHttpApplication<TContext> inner, Task<bool> safe) : IHttpApplication<TContext>
        where TContext : notnull
    {
        public TContext CreateContext(IFeatureCollection contextFeatures) => inner.CreateContext(contextFeatures);

        public async Task ProcessRequestAsync(TContext context)
        {
            if (!await safe)
                throw new InvalidOperationException("The server is shutting down: it listens beyond loopback without authentication.");
            await inner.ProcessRequestAsync(context);
        }

        public void DisposeContext(TContext context, Exception? exception) => inner.DisposeContext(context, exception);
    }
}
