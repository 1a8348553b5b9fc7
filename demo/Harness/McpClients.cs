using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace SreSuite.Harness;

/// <summary>Real MCP clients (the SDK's <see cref="McpClient"/>) over HTTP and stdio.</summary>
public static class McpClients
{
    /// <summary>The SDK's newest protocol, negotiated without <c>initialize</c>.</summary>
    public const string Latest = "latest";

    /// <summary>Every protocol version a client may ask for.</summary>
    public static IReadOnlyList<string> ProtocolVersions { get; } = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", Latest];

    public static Task<McpClient> ConnectHttpAsync(
        Uri mcpUrl, CancellationToken cancellationToken, string? protocolVersion = null, IDictionary<string, string>? headers = null, ClientUser? user = null)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = mcpUrl,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = headers,
        });
        return McpClient.CreateAsync(transport, Options(protocolVersion, user), cancellationToken: cancellationToken);
    }

    public static Task<McpClient> ConnectStdioAsync(
        string serverName, CancellationToken cancellationToken, string? protocolVersion = null, IDictionary<string, string?>? environment = null, ClientUser? user = null)
    {
        var variables = IsolatedEnvironment(environment);

        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = serverName,
            Command = "dotnet",
            Arguments = [Repository.ServerAssembly(serverName), "--stdio"],
            WorkingDirectory = Repository.Root,
            EnvironmentVariables = variables,
            ShutdownTimeout = TimeSpan.FromSeconds(5),
        });
        return McpClient.CreateAsync(transport, Options(protocolVersion, user), cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Variables for a server process that sees none of this machine's backends, tokens or collector (a developer's
    /// cluster or token must never leak into a test), with the sample runbooks and catalog, then <paramref name="settings"/>.
    /// </summary>
    public static Dictionary<string, string?> IsolatedEnvironment(IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var variables = new Dictionary<string, string?>
        {
            ["KUBECONFIG"] = null,
            ["PROMETHEUS_URL"] = null,
            ["ALERTMANAGER_URL"] = null,
            ["GITHUB_TOKEN"] = null,
            ["PAGERDUTY_TOKEN"] = null,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null,
            ["Runbooks__Path"] = Path.Combine(Repository.Samples, "runbooks"),
            ["Catalog__Path"] = Path.Combine(Repository.Samples, "catalog.yaml"),
        };
        foreach (var (name, value) in settings ?? [])
            variables[name] = value;
        return variables;
    }

    /// <summary>The text of a tool result's content, joined.</summary>
    public static string Text(this CallToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return string.Join("\n", result.Content.OfType<TextContentBlock>().Select(block => block.Text));
    }

    /// <summary>Without a <paramref name="user"/>, the person behind the client confirms every change a write tool asks about.</summary>
    private static McpClientOptions Options(string? protocolVersion, ClientUser? user) => new()
    {
        Handlers = new McpClientHandlers { ElicitationHandler = (user ?? ClientUser.Confirming()).Handler },
        ProtocolVersion = protocolVersion is null or Latest ? null : protocolVersion,
        // The SDK gives up on server/discover after 5 s and, with 2026-07-28 pinned, throws "the server appears to
        // require the initialize handshake". A server just started on a loaded 2-core CI machine can take longer to
        // answer its first request, so only the 60 s initialization timeout applies.
        DiscoverProbeTimeout = Timeout.InfiniteTimeSpan,
        ClientInfo = new Implementation { Name = "sresuite-tests", Version = "1.0" },
    };
}
