using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SreSuite.ServiceDefaults.Hosting;

/// <summary>Creates and runs an SreSuite server in either transport from the same binary.</summary>
public static class SreServer
{
    /// <summary>Configuration key of the transport; <c>--stdio</c> on the command line sets it.</summary>
    public const string TransportKey = "Mcp:Transport";

    /// <summary>
    /// Creates the application builder. <c>--stdio</c> selects MCP over stdio: every log goes to stderr and no
    /// port is opened. Otherwise the server speaks Streamable HTTP, on 127.0.0.1 unless a URL is configured.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, SreServerInfo info)
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

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [.. commandLine.ConfigurationArgs],
            ApplicationName = info.Name,
            // The binary finds its own appsettings.json wherever it is started from.
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Lowest priority, so any appsettings file or environment variable overrides them.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = QuietDefaults });
        builder.Configuration.AddInMemoryCollection(commandLine.Settings);

        if (!TryGetTransport(builder.Configuration, out var transport))
        {
            Console.Error.WriteLine($"{info.Name}: configuration error: Mcp__Transport: '{builder.Configuration[TransportKey]}' is not a transport; use 'http' or 'stdio'.");
            Environment.Exit(2);
        }

        info = info with
        {
            Transport = transport,
            DemoBackends = (builder.Configuration["Demo:Backends"] ?? string.Empty)
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            DemoScenario = builder.Configuration["Demo:Scenario"] is { Length: > 0 } scenario ? scenario : null,
        };
        builder.Services.AddSingleton(info);
        ((IHostApplicationBuilder)builder).Properties[typeof(SreServerInfo)] = info;

        if (transport == ServerTransport.Stdio)
        {
            // stdout carries JSON-RPC and nothing else.
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Services.AddSingleton<IServer, NoListenerServer>();
        }
        else
        {
            if (!HasConfiguredEndpoint(builder.Configuration))
                builder.WebHost.UseUrls($"http://127.0.0.1:{info.DefaultPort}");
            BindSafety.Guard(builder.Services, builder.Logging);
        }

        return builder;
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
    /// Validates every setting registered with <c>ValidateOnStart</c>, then runs the server.
    /// A bad setting, or an address Kestrel listens on that is unsafe without authentication, ends the process with
    /// one line naming it, never a stack trace.
    /// </summary>
    public static async Task<int> RunSreServerAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var info = app.Services.GetRequiredService<SreServerInfo>();
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
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

    private static bool HasConfiguredEndpoint(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["urls"])
        || !string.IsNullOrWhiteSpace(configuration["http_ports"])
        || !string.IsNullOrWhiteSpace(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
}
