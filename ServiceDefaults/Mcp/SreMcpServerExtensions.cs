using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.ServiceDefaults.Mcp;

/// <summary>Registers an MCP server with the suite's conventions and the transport chosen at start.</summary>
public static class SreMcpServerExtensions
{
    /// <summary>The path of the Streamable HTTP endpoint.</summary>
    public const string McpPath = "/mcp";

    /// <summary>
    /// Adds the MCP server: identity from <see cref="SreServerInfo"/>, the given instructions for the model,
    /// and stdio or Streamable HTTP (stateless unless <c>Mcp__EnableLegacySse=true</c>, which needs sessions).
    /// </summary>
    public static IMcpServerBuilder AddSreMcpServer(this WebApplicationBuilder builder, string instructions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var info = SreServer.InfoOf(builder);
        builder.Services.AddOptions<ToolPolicyOptions>().Bind(builder.Configuration.GetSection(ToolPolicyOptions.Section));
        builder.Services.AddOptions<HostOriginOptions>().Bind(builder.Configuration.GetSection(HostOriginOptions.Section));
        builder.Services.AddOptions<AnswerBudgetOptions>().Bind(builder.Configuration.GetSection(AnswerBudgetOptions.Section));
        builder.Services.AddSingleton<AnswerBudgets>();

        var mcp = builder.Services.AddMcpServer(options =>
        {
            options.ServerInfo = new Implementation { Name = info.Name, Title = info.Title, Version = info.Version };
            options.ServerInstructions = instructions;
        });

        if (info.Transport == ServerTransport.Stdio)
        {
            mcp.WithStdioServerTransport();
        }
        else
        {
            var legacySse = builder.Configuration.GetValue<bool>("Mcp:EnableLegacySse");
            mcp.WithHttpTransport(http =>
            {
                http.SessionMode = legacySse ? HttpServerSessionMode.Stateful : HttpServerSessionMode.Stateless;
#pragma warning disable MCP9004 // Legacy SSE is opt-in for clients that only speak the 2024-11-05 transport.
                http.EnableLegacySse = legacySse;
#pragma warning restore MCP9004
            });
        }

        mcp.WithRequestFilters(filters => filters.AddCallToolFilter(ToolErrorMapping.Filter));
        return mcp;
    }

    /// <summary>Maps <c>/mcp</c> and the operational endpoints in HTTP mode; nothing in stdio mode.</summary>
    public static WebApplication MapSreEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var info = app.Services.GetRequiredService<SreServerInfo>();
        if (info.Transport == ServerTransport.Http)
        {
            app.UseMiddleware<HostOriginGuard>();
            app.MapDefaultEndpoints();
            app.MapMcp(McpPath);
        }

        return app;
    }
}
