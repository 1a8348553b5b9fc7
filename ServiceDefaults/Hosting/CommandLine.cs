namespace SreSuite.ServiceDefaults.Hosting;

/// <summary>
/// The command line every server binary takes. Anything it does not know stops start-up with one line naming it:
/// a mistyped <c>--READ-ONLY</c> must never start a writable server.
/// </summary>
internal static class CommandLine
{
    /// <summary>Host settings ASP.NET Core reads from the command line by their bare name.</summary>
    private static readonly HashSet<string> HostSettings = new(StringComparer.OrdinalIgnoreCase) { "urls", "http_ports", "https_ports", "environment" };

    public sealed record Parsed(Dictionary<string, string?> Settings, List<string> ConfigurationArgs, bool Help, bool Version, string? Error);

    public static Parsed Parse(IReadOnlyList<string> args)
    {
        var settings = new Dictionary<string, string?>();
        var configuration = new List<string>();
        bool help = false, version = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--stdio":
                    settings[SreServer.TransportKey] = nameof(ServerTransport.Stdio);
                    continue;
                case "--http":
                    settings[SreServer.TransportKey] = nameof(ServerTransport.Http);
                    continue;
                case "--read-only":
                    settings["Guardrails:ReadOnly"] = "true";
                    continue;
                case "--help" or "-h" or "-?":
                    help = true;
                    continue;
                case "--version":
                    version = true;
                    continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
                return Fail($"{arg}: unexpected argument; flags start with --, e.g. --stdio (--help lists them)");
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? arg[2..] : arg[2..equals];
            if (!HostSettings.Contains(key) && !key.Contains(':', StringComparison.Ordinal) && !key.Contains("__", StringComparison.Ordinal))
                return Fail($"{arg}: unknown flag; the flags are --stdio, --http, --read-only, --help and --version, and a setting is passed as --Section:Key=value (--help lists them)");
            configuration.Add(arg);
            if (equals >= 0)
                continue;
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                return Fail($"{arg}: needs a value, e.g. {arg}=value");
            configuration.Add(args[++i]);
        }

        return new(settings, configuration, help, version, null);

        Parsed Fail(string error) => new(settings, configuration, help, version, error);
    }

    public static string Help(SreServerInfo info) => $"""
        {info.Name} {info.Version}: {info.Title}, an MCP server.

        Usage: {info.Name} [--stdio | --http] [--read-only] [--Section:Key=value ...]

          --stdio               MCP over stdin/stdout, for a per-user client (no port is opened).
          --http                MCP over Streamable HTTP at /mcp (the default), on http://127.0.0.1:{info.DefaultPort}.
          --read-only           Refuse every write tool, whatever Guardrails__ReadOnly says.
          --urls <url>          Where to listen over HTTP. Beyond loopback, Auth__Authority and Auth__Audience are required.
          --Section:Key=value   Any setting, as the environment variable Section__Key would set it.
          --help                Print this help and exit.
          --version             Print the version and exit.

        Settings come from environment variables (e.g. Mcp__MaxRequestBytes, Audit__File); see README.md.
        """;
}
