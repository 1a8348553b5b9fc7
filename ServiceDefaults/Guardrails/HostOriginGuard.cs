using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SreSuite.ServiceDefaults.Hosting;
using SreSuite.ServiceDefaults.Security;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// Rejects MCP requests whose <c>Host</c> or <c>Origin</c> is not this server's (MCP transports spec:
/// servers MUST validate Origin; a present, invalid Origin gets 403). Without it a web page could reach a
/// server on localhost through DNS rebinding.
/// </summary>
public sealed partial class HostOriginGuard(RequestDelegate next, IOptions<HostOriginOptions> options, ILogger<HostOriginGuard> logger)
{
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]", "::1"];

    private readonly HashSet<string> _hosts = new(
        LoopbackHosts.Concat(SettingLists.Names(options.Value.AllowedHosts)), StringComparer.OrdinalIgnoreCase);

    private readonly HashSet<string> _origins = new(
        SettingLists.Names(options.Value.AllowedOrigins).Select(origin => origin.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.StartsWithSegments("/mcp"))
        {
            await next(context);
            return;
        }

        var host = context.Request.Host.Host;
        if (!_hosts.Contains(host))
        {
            LogRejected(logger, "Host", host);
            await RejectAsync(context, $"Host '{host}' is not allowed; add it to Mcp__AllowedHosts.");
            return;
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && !IsAllowedOrigin(origin))
        {
            LogRejected(logger, "Origin", origin);
            await RejectAsync(context, $"Origin '{origin}' is not allowed; add it to Mcp__AllowedOrigins.");
            return;
        }

        await next(context);
    }

    private bool IsAllowedOrigin(string origin)
    {
        if (_origins.Contains(origin.TrimEnd('/')))
            return true;
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && LoopbackHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase);
    }

    private static async Task RejectAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await HttpRejections.RecordAsync(context, ToolCallOutcome.Denied, $"403: {message}");
        await HttpRejections.WriteJsonRpcErrorAsync(context.Response, message);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected an MCP request: {Header} '{Value}' is not allowed")]
    private static partial void LogRejected(ILogger logger, string header, string value);
}
