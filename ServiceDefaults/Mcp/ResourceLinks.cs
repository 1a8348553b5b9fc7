using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.ServiceDefaults.Mcp;

/// <summary>
/// Links from an answer to the resources it names (<c>resource_link</c> content blocks). The block exists since
/// protocol 2025-06-18; an older client's schema has no such content type and would reject the whole answer, so
/// those clients get the text alone (which names the URI anyway).
/// </summary>
public static class ResourceLinks
{
    /// <summary>The first protocol revision with <c>resource_link</c> content.</summary>
    public const string FirstVersion = "2025-06-18";

    /// <summary>True when the client of this request understands resource links.</summary>
    public static bool Allowed(McpServer server, SreServerInfo info)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(info);
        var version = ProtocolVersion.Of(server, info.Transport);
        return version.Length > 0 && char.IsAsciiDigit(version[0]) && string.CompareOrdinal(version, FirstVersion) >= 0;
    }

    /// <summary>Adds links to <paramref name="result"/> when the client understands them; returns the result.</summary>
    public static CallToolResult Add(CallToolResult result, McpServer server, SreServerInfo info, IEnumerable<ResourceLinkBlock> links)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(links);
        if (!Allowed(server, info))
            return result;
        var content = result.Content.ToList();
        content.AddRange(links.DistinctBy(link => link.Uri, StringComparer.Ordinal));
        result.Content = content;
        return result;
    }
}
