using System.Reflection;

namespace SreSuite.ServiceDefaults.Hosting;

/// <summary>Who this server is: what clients see in <c>initialize</c> and what the status tool reports.</summary>
/// <param name="Name">Short machine name, e.g. <c>InfraTools</c>.</param>
/// <param name="Title">Human title shown by clients.</param>
/// <param name="DefaultPort">Loopback port used in HTTP mode when no URL is configured.</param>
public sealed record SreServerInfo(string Name, string Title, int DefaultPort)
{
    public string Version { get; init; } = ReadVersion();

    public ServerTransport Transport { get; init; }

    /// <summary>
    /// Backends that are demo fixtures, not real systems (<c>Demo__Backends</c>, set by the AppHost's demo
    /// environment); every status answer says so plainly.
    /// </summary>
    public IReadOnlyList<string> DemoBackends { get; init; } = [];

    /// <summary>The scenario the demo fixtures play (<c>Demo__Scenario</c>, set by the AppHost), or null.</summary>
    public string? DemoScenario { get; init; }

    /// <summary>
    /// The server's icon, an SVG embedded in the server as the resource <c>icon.svg</c>, or null. It is served on the
    /// server implementation in <c>initialize</c>, not on each tool: an icon per tool, even a short https URL, would
    /// put <c>tools/list</c> past its 8,000 bytes (docs/structured-output.md).
    /// </summary>
    public string? IconSvg { get; init; } = ReadIcon();

    /// <summary>The OAuth scope prefix of this server: its name without "Tools", lower case (<c>infra</c>, <c>observability</c>, <c>incident</c>).</summary>
    public string ScopePrefix => (Name.EndsWith("Tools", StringComparison.Ordinal) ? Name[..^5] : Name).ToLowerInvariant();

    private static string? ReadIcon()
    {
        using var stream = Assembly.GetEntryAssembly()?.GetManifestResourceStream("icon.svg");
        if (stream is null)
            return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string ReadVersion()
    {
        var assembly = Assembly.GetEntryAssembly() ?? typeof(SreServerInfo).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        // The SDK appends "+<commit>"; clients only need the release.
        return informational?.Split('+')[0] ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
    }
}
