using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ServiceDefaults.Security;

/// <summary>
/// Over HTTP a <c>tools/call</c> whose params are not an object fails inside the SDK's transport, before any MCP
/// filter runs, as a generic -32603. This guard answers it as invalid params (-32602), says what was wrong,
/// and audits it like every other call.
/// </summary>
public sealed class ToolCallEnvelopeGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Path.StartsWithSegments("/mcp"))
        {
            await next(context);
            return;
        }

        context.Request.EnableBuffering();
        var problem = await FindProblemAsync(context);
        context.Request.Body.Position = 0;
        if (problem is null)
        {
            await next(context);
            return;
        }

        await HttpRejections.RecordAsync(context, ToolCallOutcome.Invalid, problem.Value.Message);
        context.Response.ContentType = "application/json";
        var error = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = problem.Value.Id,
            ["error"] = new JsonObject { ["code"] = problem.Value.Code, ["message"] = problem.Value.Message },
        };
        await context.Response.WriteAsync(error.ToJsonString(), context.RequestAborted);
    }

    private static async Task<(int Code, string Message, JsonNode? Id)?> FindProblemAsync(HttpContext context)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String || method.GetString() != "tools/call"
                || (root.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Object))
            {
                return null;
            }

            var problem = ToolCallEnvelope.Problem(root.TryGetProperty("params", out var value) ? JsonNode.Parse(value.GetRawText()) : null);
            return problem is null ? null : (-32602, $"Invalid params for tools/call: {problem}", root.TryGetProperty("id", out var id) ? JsonNode.Parse(id.GetRawText()) : null);
        }
        catch (JsonException ex)
        {
            // Unreadable JSON that still names tools/call is a refused call the audit must hold; anything else
            // gets the SDK's own parse error.
            context.Request.Body.Position = 0;
            return await HttpRejections.LooksLikeToolCallAsync(context)
                ? (-32700, $"Parse error: the request is not valid JSON ({ex.Message.Split('.')[0]}).", null)
                : null;
        }
    }
}
