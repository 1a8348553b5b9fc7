using Microsoft.Extensions.Options;

namespace SreSuite.IncidentTools.Runbooks;

/// <summary>
/// Indexes the runbook folder in the background from the moment the server starts, so a stdio client's
/// <c>initialize</c> is not kept waiting; the first call that needs the library waits for the index (issue 16).
/// Each file's problem is logged.
/// </summary>
public sealed partial class RunbookLibraryLoader(IOptions<RunbookOptions> options, ILogger<RunbookLibraryLoader> logger) : IHostedService
{
    private readonly Lazy<RunbookLibrary> _library = new(() => Load(options.Value, logger));

    public RunbookLibrary Library => _library.Value;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // A failure stays in the Lazy and is thrown to the first caller, as it was when loading in line.
        _ = Task.Run(() => _library.Value, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static RunbookLibrary Load(RunbookOptions options, ILogger logger)
    {
        var library = RunbookLibrary.Load(options.FullPath, options.BaseUrl, options.MaxFileKilobytes);
        LogIndexed(logger, library.Runbooks.Count, library.Folder, library.IndexTime.TotalMilliseconds);
        foreach (var warning in library.Warnings)
            LogWarning(logger, warning.File, warning.Problem);
        return library;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Indexed {Count} runbooks from {Folder} in {Milliseconds:0} ms")]
    private static partial void LogIndexed(ILogger logger, int count, string folder, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Runbook {File}: {Problem}")]
    private static partial void LogWarning(ILogger logger, string file, string problem);
}
