using SreSuite.ServiceDefaults.Hosting;
using SreSuite.ServiceDefaults.Http;
using SreSuite.ServiceDefaults.Mcp;

namespace SreSuite.ObservabilityTools.Backends;

/// <summary>
/// The named sources of one backend kind (<c>Prometheus__Sources__&lt;name&gt;__Url</c>, each with its own auth and tenant),
/// one backend and one client each, created once at start; the tools get the one the call's <c>source</c> names
/// (checked against the list before the tool runs), else the default. Empty when the single <c>Url</c> is used.
/// </summary>
public sealed class NamedSources<TBackend>
    where TBackend : class
{
    private readonly Dictionary<string, TBackend> _backends;

    public NamedSources(string kind, IReadOnlyList<(string Name, TBackend Backend)> sources, string? defaultName, Func<string, bool> appliesTo)
    {
        ArgumentNullException.ThrowIfNull(sources);
        All = sources;
        _backends = sources.ToDictionary(s => s.Name, s => s.Backend, StringComparer.Ordinal);
        Selector = sources.Count == 0
            ? null
            : new BackendSelector("source", kind, [.. sources.Select(s => s.Name)], defaultName ?? sources[0].Name, appliesTo);
    }

    public IReadOnlyList<(string Name, TBackend Backend)> All { get; }

    /// <summary>Chooses the source per call; null when no named source is configured.</summary>
    public BackendSelector? Selector { get; }

    /// <summary>The backend of the call in progress; null when no named source is configured.</summary>
    public TBackend? Current => Selector is null ? null : _backends[Selector.Current];
}

/// <summary>Where the named sources' settings and secrets live.</summary>
public static class NamedSourceSettings
{
    /// <summary>The sources' names and settings, read from <c>&lt;section&gt;__Sources__&lt;name&gt;__*</c> in name order.</summary>
    public static IReadOnlyList<(string Name, TOptions Options)> Read<TOptions>(IConfiguration configuration, string section, Action<TOptions, IConfiguration> bind)
        where TOptions : HttpBackendOptions, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(bind);
        var sources = new List<(string, TOptions)>();
        foreach (var child in configuration.GetSection($"{section}:Sources").GetChildren())
        {
            var options = new TOptions();
            bind(options, child);
            options.UrlSetting = $"{Setting(section, child.Key)}__Url";
            sources.Add((child.Key, options));
        }

        return sources;
    }

    /// <summary>The default source (<c>&lt;section&gt;__DefaultSource</c>), checked against the names; null for the first.</summary>
    public static string? DefaultName(IConfiguration configuration, string section, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var name = configuration[$"{section}:DefaultSource"];
        if (string.IsNullOrWhiteSpace(name))
            return null;
        return names.Contains(name, StringComparer.Ordinal)
            ? name
            : throw new InvalidSettingException($"{section}__DefaultSource", $"'{name}' is not one of the sources: {string.Join(", ", names)}.");
    }

    /// <summary>The setting prefix of one source, e.g. <c>Prometheus__Sources__staging</c>.</summary>
    public static string Setting(string section, string name) => $"{section}__Sources__{name}";

    /// <summary>The prefix of one source's secret variables, e.g. <c>PROMETHEUS_STAGING</c> for <c>PROMETHEUS_STAGING_TOKEN</c>.</summary>
    public static string VariablePrefix(string prefix, string name) =>
        $"{prefix}_{new string([.. name.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')])}";
}
