using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SreSuite.ServiceDefaults.Mcp;

namespace SreSuite.ServiceDefaults.Hosting;

/// <summary>Creates and runs an SreSuite server in either transport from the same binary.</summary>
public static partial class SreServer
{
    /// <summary>Configuration key of the transport; <c>--stdio</c> on the command line sets it.</summary>
    public const string TransportKey = "Mcp:Transport";

    /// <summary>
    /// Creates the application builder. <c>--stdio</c> selects MCP over stdio: a generic host without ASP.NET Core
    /// (no web host, no server, no request pipeline: nothing a per-session process needs, all of it start-up time),
    /// every log on stderr and no port opened. Otherwise the server speaks Streamable HTTP from a
    /// <see cref="WebApplicationBuilder"/>, on 127.0.0.1 unless a URL is configured.
    /// </summary>
    public static IHostApplicationBuilder CreateBuilder(string[] args, SreServerInfo info)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(info);

        var commandLine = CommandLine.Parse(args);
        if (commandLine.Error is not null)
        {
            Console.Error.WriteLine($"{info.Name}: configuration error: {commandLine.Error}");
            Environment.Exit(2);
        }

        if (commandLine.Help || commandLine.Version)
        {
            Console.Out.WriteLine(commandLine.Help ? CommandLine.Help(info) : $"{info.Name} {info.Version}");
            Environment.Exit(0);
        }

        // The transport decides which builder to create, so it is read first where it is usually given (the flag or
        // Mcp__Transport); one set anywhere else (appsettings.json, --Mcp:Transport=…) is found in the full
        // configuration and the other builder created instead.
        var stdio = commandLine.Settings.TryGetValue(TransportKey, out var flag)
            ? flag == nameof(ServerTransport.Stdio)
            : string.Equals(Environment.GetEnvironmentVariable("Mcp__Transport")?.Trim(), nameof(ServerTransport.Stdio), StringComparison.OrdinalIgnoreCase);
        var builder = Create(commandLine, info, stdio);
        if (!TryGetTransport(builder.Configuration, out var transport))
        {
            Console.Error.WriteLine($"{info.Name}: configuration error: Mcp__Transport: '{builder.Configuration[TransportKey]}' is not a transport; use 'http' or 'stdio'.");
            Environment.Exit(2);
        }

        if ((transport == ServerTransport.Stdio) != stdio)
            builder = Create(commandLine, info, !stdio);

        info = info with
        {
            Transport = transport,
            DemoBackends = (builder.Configuration["Demo:Backends"] ?? string.Empty)
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            DemoScenario = builder.Configuration["Demo:Scenario"] is { Length: > 0 } scenario ? scenario : null,
        };
        builder.Services.AddSingleton(info);
        builder.Properties[typeof(SreServerInfo)] = info;

        if (transport == ServerTransport.Stdio)
        {
            // stdout carries JSON-RPC and nothing else.
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        }
        else
        {
            var web = (WebApplicationBuilder)builder;
            if (!HasConfiguredEndpoint(builder.Configuration))
                web.WebHost.UseUrls($"http://127.0.0.1:{info.DefaultPort}");
            BindSafety.Guard(builder.Services, builder.Logging);
        }

        return builder;
    }

    private static IHostApplicationBuilder Create(CommandLine.Parsed commandLine, SreServerInfo info, bool stdio)
    {
        IHostApplicationBuilder builder = stdio ? CreateStdioBuilder(commandLine, info) : CreateHttpBuilder(commandLine, info);
        // Lowest priority, so any appsettings file or environment variable overrides them.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = QuietDefaults });
        builder.Configuration.AddInMemoryCollection(commandLine.Settings);
        return builder;
    }

    private static WebApplicationBuilder CreateHttpBuilder(CommandLine.Parsed commandLine, SreServerInfo info) =>
        WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [.. commandLine.ConfigurationArgs],
            ApplicationName = info.Name,
            // The binary finds its own appsettings.json wherever it is started from.
            ContentRootPath = AppContext.BaseDirectory,
        });

    /// <summary>
    /// The same configuration sources as the HTTP builder (appsettings.json and appsettings.{environment}.json beside
    /// the binary, user secrets in Development, environment variables, the command line, the environment name from
    /// <c>DOTNET_</c> or <c>ASPNETCORE_</c> variables), without reloading files on change: a stdio process lives for
    /// one client session.
    /// </summary>
    private static HostApplicationBuilder CreateStdioBuilder(CommandLine.Parsed commandLine, SreServerInfo info)
    {
        var hostSettings = new ConfigurationManager();
        hostSettings.AddEnvironmentVariables("ASPNETCORE_");
        hostSettings.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]);
        return Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [.. commandLine.ConfigurationArgs],
            ApplicationName = info.Name,
            ContentRootPath = AppContext.BaseDirectory,
            Configuration = hostSettings,
        });
    }

    private static readonly Dictionary<string, string?> QuietDefaults = new()
    {
        // One line per request is noise for a tool server; the audit trail records every tool call.
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };

    /// <summary>The identity and transport of the server being built.</summary>
    public static SreServerInfo InfoOf(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Properties.TryGetValue(typeof(SreServerInfo), out var info) && info is SreServerInfo server
            ? server
            : throw new InvalidOperationException("Create the builder with SreServer.CreateBuilder first.");
    }

    /// <summary>The transport selected by <c>--stdio</c> or <c>Mcp__Transport</c>; HTTP by default.</summary>
    public static ServerTransport TransportOf(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return TryGetTransport(builder.Configuration, out var transport) ? transport : ServerTransport.Http;
    }

    private static bool TryGetTransport(IConfiguration configuration, out ServerTransport transport)
    {
        var value = configuration[TransportKey];
        transport = ServerTransport.Http;
        return string.IsNullOrWhiteSpace(value) || Enum.TryParse(value, ignoreCase: true, out transport);
    }

    /// <summary>
    /// Builds the server: over HTTP a web application with <c>/mcp</c> behind the guardrails and the operational
    /// endpoints (<see cref="SreMcpServerExtensions.MapSreEndpoints"/>); over stdio the generic host alone.
    /// </summary>
    public static IHost BuildSreServer(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder is WebApplicationBuilder web)
            return web.Build().MapSreEndpoints();
        return ((HostApplicationBuilder)builder).Build();
    }

    /// <summary>
    /// Validates every setting registered with <c>ValidateOnStart</c>, then runs the server.
    /// A bad setting, or an address Kestrel listens on that is unsafe without authentication, ends the process with
    /// one line naming it, never a stack trace.
    /// </summary>
    public static async Task<int> RunSreServerAsync(this IHost app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var info = app.Services.GetRequiredService<SreServerInfo>();
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
        }
        // Several bad settings come as an AggregateException of validation failures: every one is named, none as a stack trace.
        catch (Exception ex) when (ValidationFailures(ex) is { Count: > 0 } failures)
        {
            foreach (var failure in failures)
                await Console.Error.WriteLineAsync($"{info.Name}: configuration error: {failure}");
            return 2;
        }

        try
        {
            await app.RunAsync();
        }
        catch (InvalidSettingException ex)
        {
            await Console.Error.WriteLineAsync($"{info.Name}: configuration error: {ex.Message}");
            return 2;
        }

        return 0;
    }

    private static List<string> ValidationFailures(Exception exception) => exception switch
    {
        OptionsValidationException validation => [.. validation.Failures],
        AggregateException aggregate when aggregate.Flatten().InnerExceptions.All(inner => inner is OptionsValidationException) =>
            [.. aggregate.Flatten().InnerExceptions.OfType<OptionsValidationException>().SelectMany(inner => inner.Failures)],
        // An enum value the binder does not know comes as an ArgumentException ("Requested value 'x' was not found").
        InvalidOperationException { InnerException: FormatException or OverflowException or ArgumentException } binding when UnconvertibleSetting().Match(binding.Message) is { Success: true } match =>
            [$"{match.Groups["path"].Value.Replace(":", "__", StringComparison.Ordinal)}: '{match.Groups["value"].Value}' is not {Described(match.Groups["type"].Value)}."],
        _ => [],
    };

    /// <summary>What a setting of this .NET type must be, in an operator's words.</summary>
    private static string Described(string type) => type switch
    {
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" or "System.Decimal" => "a number",
        "System.Boolean" => "true or false",
        "System.TimeSpan" => "a duration such as 00:00:30",
        _ when type == typeof(Guardrails.ConfirmWritesMode).FullName => $"one of {string.Join(", ", Enum.GetNames<Guardrails.ConfirmWritesMode>().Select(name => name.ToLowerInvariant()))}",
        _ => $"a {type[(type.LastIndexOf('.') + 1)..]}",
    };

    /// <summary>The configuration binder's message for a value it cannot convert to the option's type.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<path>[^']+)' to type '(?<type>[^']+)'", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex UnconvertibleSetting();

    private static bool HasConfiguredEndpoint(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["urls"])
        || !string.IsNullOrWhiteSpace(configuration["http_ports"])
        || !string.IsNullOrWhiteSpace(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
}
