using Microsoft.Extensions.Options;

namespace SreSuite.IncidentTools.Catalog;

/// <summary>
/// Reads the service catalog once, in the background from the moment the server starts (the first call that needs it
/// waits), and logs each document it had to skip.
/// </summary>
public sealed partial class CatalogLoader(IOptions<CatalogOptions> options, ILogger<CatalogLoader> logger) : IHostedService
{
    private readonly Lazy<ServiceCatalog> _catalog = new(() =>
    {
        var catalog = ServiceCatalog.Load(options.Value.FullPath);
        foreach (var warning in catalog.Warnings)
            LogWarning(logger, catalog.Path, warning);
        return catalog;
    });

    public ServiceCatalog Catalog => _catalog.Value;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(() => _catalog.Value, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service catalog {Path}: {Problem}")]
    private static partial void LogWarning(ILogger logger, string path, string problem);
}
