using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Hosting;
using SreSuite.ServiceDefaults.Transport;

namespace SreSuite.ServiceDefaults.Security;

/// <summary>
/// Requests refused before MCP sees them (too large, malformed, foreign Origin, no token, too many). Each refused
/// <c>tools/call</c> or <c>resources/read</c> still gets its one audit record, from what the strict reader found in
/// the body (<see cref="McpHttpRequestReader"/>), so the trail holds every attempted call.
/// </summary>
public static class HttpRejections
{
    public static async Task WriteJsonRpcErrorAsync(HttpResponse response, string message, int code = -32000, string? idJson = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(response.Body);
        new RequestProblem(code, message).WriteResponse(writer, idJson);
    }

    /// <summary>Writes the audit records of a refused request: one per <c>tools/call</c> or <c>resources/read</c> in it.</summary>
    public static Task RecordAsync(HttpContext http, ToolCallOutcome outcome, string detail)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Features.Get<InspectedRequest>() is { } inspected)
            http.RequestServices.GetRequiredService<RequestAudit>().Refused(inspected, CallerOf(http), outcome, detail);
        return Task.CompletedTask;
    }

    /// <summary>The caller of an HTTP request as the audit names it: the token's subject, else anonymous, and the client address.</summary>
    public static AuditCaller CallerOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return CallerIdentity.ForAudit(http.User, ServerTransport.Http, address: http.Connection.RemoteIpAddress?.ToString());
    }
}
