using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Hosting;
using SreSuite.ServiceDefaults.Security;
using SreSuite.ServiceDefaults.Transport;

namespace SreSuite.ServiceDefaults.Mcp;

/// <summary>Registers an MCP server with the suite's conventions, its guardrails and the transport chosen at start.</summary>
public static class SreMcpServerExtensions
{
    /// <summary>The path of the Streamable HTTP endpoint.</summary>
    public const string McpPath = "/mcp";

    /// <summary>
    /// Adds the MCP server: identity from <see cref="SreServerInfo"/>, the given instructions for the model,
    /// stdio or Streamable HTTP (stateless; with <c>Mcp__EnableLegacySse=true</c> sessions for clients that initialize,
    /// stateless for 2026-07-28 clients), and the
    /// guardrail pipeline every tool call passes through.
    /// </summary>
    public static IMcpServerBuilder AddSreMcpServer(this IHostApplicationBuilder builder, string instructions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var info = SreServer.InfoOf(builder);
        builder.AddGuardrailServices();
        if (info.Transport == ServerTransport.Http)
        {
            var web = builder as WebApplicationBuilder
                ?? throw new InvalidOperationException("Create the builder with SreServer.CreateBuilder: HTTP needs its web application builder.");
            web.AddHttpHardening();
            web.AddSreAuthentication(info);
        }
        else
        {
            builder.Services.AddSingleton(new AuthenticationState(Required: false));
        }

        var mcp = builder.Services.AddMcpServer(options =>
        {
            options.ServerInfo = new Implementation { Name = info.Name, Title = info.Title, Version = info.Version, Icons = ServerIcons(info) };
            options.ServerInstructions = instructions;
        });
        builder.Services.AddSingleton<BackendSelectors>();
        builder.Services.AddOptions<McpServerOptions>().PostConfigure<IServiceProvider>((options, services) =>
        {
            DeferredTool.RefuseOthers(options.ToolCollection);
            // The selectors are made here, when the options are (at start), as when this built every schema: a backend
            // setting that cannot be served stops start-up, not the first tools/list. Resolved in the action, not as a
            // PostConfigure dependency, which would make them when /mcp is mapped, before settings are validated.
            services.GetRequiredService<BackendSelectors>();
        });

        if (info.Transport == ServerTransport.Stdio)
        {
            mcp.WithStdioServerTransport();
            // Registered after the SDK's stdio transport, so it is the one resolved: the strict reader goes first.
            builder.Services.AddSingleton<ITransport>(services => new StrictStdioTransport(
                Console.OpenStandardInput(),
                Console.OpenStandardOutput(),
                services.GetRequiredService<IOptions<HttpHardeningOptions>>().Value.MaxRequestBytes,
                services.GetRequiredService<RequestAudit>(),
                services.GetRequiredService<ILoggerFactory>()));
        }
        else
        {
            var legacySse = builder.Configuration.GetValue<bool>("Mcp:EnableLegacySse");
            mcp.WithHttpTransport(http =>
            {
                // Legacy SSE needs sessions for the clients that initialize; 2026-07-28 clients never initialize and
                // are served statelessly on the same /mcp (plain Stateful would refuse them with -32022).
                http.SessionMode = legacySse ? HttpServerSessionMode.StatefulForInitializeClients : HttpServerSessionMode.Stateless;
#pragma warning disable MCP9004 // Legacy SSE is opt-in for clients that only speak the 2024-11-05 transport.
                http.EnableLegacySse = legacySse;
#pragma warning restore MCP9004
            });
        }

        // First registered is outermost: audit sees everything; answers are scrubbed and sized last.
        mcp.WithMessageFilters(messages =>
        {
            messages.AddIncomingFilter(ToolCallAudit.Filter);
            messages.AddIncomingFilter(MalformedRequestFilter.Filter);
            messages.AddOutgoingFilter(ToolCallAudit.Outgoing);
        });
        mcp.WithRequestFilters(filters =>
        {
            filters.AddListToolsFilter(ToolPolicyFilter.List);
            filters.AddCallToolFilter(ToolAnswerFilter.Filter);
            filters.AddCallToolFilter(ToolErrorMapping.Filter);
            filters.AddCallToolFilter(ToolPolicyFilter.Call);
            filters.AddCallToolFilter(ToolArgumentFilter.Filter);
            filters.AddCallToolFilter(ToolTimeoutFilter.Filter);
            filters.AddCallToolFilter(BackendSelectionFilter.Filter);
            filters.AddReadResourceFilter(ResourceAnswerFilter.Filter);
        });
        return mcp;
    }

    /// <summary>
    /// Adds the <see cref="McpServerToolAttribute"/> methods of <typeparamref name="T"/> as tools, as the SDK's
    /// <c>WithTools&lt;T&gt;()</c> does, but each a <see cref="DeferredTool"/>: its schema is built on first use, not at start.
    /// </summary>
    public static IMcpServerBuilder WithSreTools<[DynamicallyAccessedMembers(
        DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods | DynamicallyAccessedMemberTypes.PublicConstructors)] T>(
        this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        DeferredTool.Register<T>(builder.Services);
        return builder;
    }

    /// <summary>Maps <c>/mcp</c> behind the HTTP guardrails, and the operational endpoints; nothing in stdio mode.</summary>
    public static WebApplication MapSreEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var info = app.Services.GetRequiredService<SreServerInfo>();
        if (info.Transport != ServerTransport.Http)
            return app;

        var authenticated = app.Services.GetRequiredService<AuthenticationState>().Required;
        // The request reader goes first, so every later refusal can audit what the body held.
        app.UseMiddleware<McpHttpRequestReader>();
        app.UseMiddleware<HostOriginGuard>();
        if (authenticated)
        {
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapProtectedResourceMetadata(info, McpPath);
        }

        app.UseRateLimiter();
        app.Use(McpHttpRequestReader.RefuseMalformedAsync);
        app.MapDefaultEndpoints();
        var mcp = app.MapMcp(McpPath).RequireRateLimiting(HttpHardening.RateLimitPolicy);
        if (authenticated)
            mcp.RequireAuthorization(SreAuthentication.PolicyName);
        return app;
    }

    /// <summary>The server's icon as an SVG data URI (any size), or none when the server embeds no icon.</summary>
    internal static List<Icon>? ServerIcons(SreServerInfo info) => info.IconSvg is { } svg
        ? [new Icon { Source = "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg)), MimeType = "image/svg+xml", Sizes = ["any"] }]
        : null;

    private static void AddGuardrailServices(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddOptions<ToolPolicyOptions>().Bind(configuration.GetSection(ToolPolicyOptions.Section)).ValidateOnStart();
        // A misspelt tool in these settings would leave the tool meant to be denied callable, and a timeout silently
        // clamped into range would run calls for a time no one chose (0 meant as "no timeout" became 1 s): refuse to start.
        builder.Services.AddSingleton<IValidateOptions<ToolPolicyOptions>, ToolPolicyValidator>();
        builder.Services.AddOptions<HostOriginOptions>().Bind(configuration.GetSection(HostOriginOptions.Section));
        builder.Services.AddOptions<AnswerBudgetOptions>().Bind(configuration.GetSection(AnswerBudgetOptions.Section));
        builder.Services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section));
        builder.Services.AddOptions<HttpHardeningOptions>().Bind(configuration.GetSection(HttpHardeningOptions.Section));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<RequestAudit>();
        builder.Services.AddSingleton<AnswerBudgets>();
        builder.Services.AddSingleton<ArgumentValidator>();
        builder.Services.AddSingleton<ToolPolicy>();
        builder.Services.AddSingleton<WriteConfirmation>();
        builder.Services.AddSingleton<SecretScrubber>();
        builder.Services.AddSingleton<AuditTrail>();
        // The audit has its own sinks; on the console it would only print every record twice.
        builder.Logging.AddFilter<ConsoleLoggerProvider>(typeof(AuditTrail).FullName, LogLevel.None);
    }
}
