using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Security;

namespace SreSuite.ServiceDefaults.Transport;

/// <summary>
/// The first thing every <c>POST /mcp</c> meets. It buffers the body once (up to <c>Mcp__MaxRequestBytes</c>), runs
/// the <see cref="StrictJsonRpcReader"/> over it and leaves the result on the request for every later check (Origin,
/// token, rate limit) and the audit; the MCP SDK then reads the same buffer. A body over the limit, with or without a
/// Content-Length, is refused with 413 here, after a constant-memory scan finds what it was for the audit. When the
/// request ends, any <c>tools/call</c> or <c>resources/read</c> in it that nothing audited (the SDK's transport refused
/// it, or the server failed) gets its record here: every such message is audited exactly once.
/// </summary>
public sealed class McpHttpRequestReader(RequestDelegate next, IOptions<HttpHardeningOptions> options)
{
    /// <summary>How far past the limit a refused body is read to find its method; beyond that it is recorded as unreadable.</summary>
    private const int ScanFactor = 16;

    private const int FirstBuffer = 16 * 1024;

    public async Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Path.StartsWithSegments(Mcp.SreMcpServerExtensions.McpPath))
        {
            await next(http);
            return;
        }

        var limit = Math.Max(1, options.Value.MaxRequestBytes);
        // Kestrel must let the scan read past the limit; it still stops a body at ScanFactor times the limit.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit * ScanFactor;

        byte[]? buffer = null;
        InspectedRequest? inspected = null;
        var failed = false;
        try
        {
            if (http.Request.ContentLength > limit)
            {
                inspected = await ScanAsync(http, ReadOnlyMemory<byte>.Empty, limit);
                await RefuseTooLargeAsync(http, inspected, limit);
                return;
            }

            int length;
            bool complete;
            (buffer, length, complete) = await BufferAsync(http, limit);
            if (!complete)
            {
                inspected = await ScanAsync(http, buffer.AsMemory(0, length), limit);
                await RefuseTooLargeAsync(http, inspected, limit);
                return;
            }

            inspected = StrictJsonRpcReader.Inspect(buffer.AsMemory(0, length));
            http.Features.Set(inspected);
            http.Request.Body = new MemoryStream(buffer, 0, length, writable: false);
            await next(http);
        }
        catch (BadHttpRequestException ex) when (inspected is null)
        {
            // The body could not be read (malformed chunks, a client that stopped sending): refused, and audited
            // with whatever of it was read.
            inspected = new EnvelopeScanner().Result(new(RequestProblem.InvalidRequest, $"Invalid Request: the body could not be read ({ex.Message.TrimEnd('.')})."));
            await RefuseAsync(http, inspected, ex.StatusCode, ToolCallOutcome.Invalid);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            if (inspected is not null)
                AuditUnrecorded(http, inspected, failed);
            if (buffer is not null)
                ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Refuses the request with the strict reader's problem, if it found one. Runs after the Origin, token and rate checks.</summary>
    public static async Task RefuseMalformedAsync(HttpContext http, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(next);
        if (http.Features.Get<InspectedRequest>() is { Problem: not null } inspected)
        {
            await RefuseAsync(http, inspected, StatusCodes.Status400BadRequest, ToolCallOutcome.Invalid);
            return;
        }

        await next();
    }

    private static async Task RefuseAsync(HttpContext http, InspectedRequest inspected, int status, ToolCallOutcome outcome)
    {
        var problem = inspected.Problem!;
        http.Features.Set(inspected);
        await HttpRejections.RecordAsync(http, outcome, $"{status}: {problem.Message}");
        if (http.Response.HasStarted)
            return;
        http.Response.StatusCode = status;
        await HttpRejections.WriteJsonRpcErrorAsync(http.Response, problem.Message, problem.Code, inspected.ReplyIdJson);
    }

    private static Task RefuseTooLargeAsync(HttpContext http, InspectedRequest inspected, long limit)
    {
        var read = http.Request.ContentLength ?? inspected.Length;
        inspected.Problem = new(RequestProblem.InvalidRequest, $"Request body too large: {read}{(read > inspected.Length ? string.Empty : "+")} bytes, limit {limit} (Mcp__MaxRequestBytes).");
        return RefuseAsync(http, inspected, StatusCodes.Status413PayloadTooLarge, ToolCallOutcome.Invalid);
    }

    /// <summary>Reads the body into one pooled buffer; <c>complete</c> is false when it is longer than <paramref name="limit"/>.</summary>
    private static async Task<(byte[] Buffer, int Length, bool Complete)> BufferAsync(HttpContext http, long limit)
    {
        var cap = (int)Math.Min(limit + 1, int.MaxValue - 1);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(cap, http.Request.ContentLength + 1 ?? FirstBuffer));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length >= cap)
                        return (buffer, length, false);
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(cap, (long)buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await http.Request.Body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, cap) - length), http.RequestAborted);
                if (read == 0)
                    return (buffer, length, length <= limit);
                length += read;
                if (length > limit)
                    return (buffer, length, false);
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Scans what was read and the rest of the body, without keeping it, for the method, id and tool name.</summary>
    private static async Task<InspectedRequest> ScanAsync(HttpContext http, ReadOnlyMemory<byte> head, long limit)
    {
        var scanner = new EnvelopeScanner();
        scanner.Feed(head.Span);
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
                scanner.Feed(chunk.AsSpan(0, read));
        }
        catch (Exception ex) when (ex is BadHttpRequestException or IOException or OperationCanceledException)
        {
            // Past the scan limit, or the client gave up: what was read is what the audit gets.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        var inspected = scanner.Result(new(RequestProblem.InvalidRequest, $"Request body too large (limit {limit})."));
        http.Features.Set(inspected);
        return inspected;
    }

    /// <summary>The record of every message no one else audited: refused by the SDK's transport, or lost to a failure.</summary>
    private static void AuditUnrecorded(HttpContext http, InspectedRequest inspected, bool failed)
    {
        var status = failed ? StatusCodes.Status500InternalServerError : http.Response.StatusCode;
        if (status < 400 && inspected.Audited.All(message => message.AuditWritten))
            return;
        if (status < 400 && inspected.IsUnreadable)
            return;
        var outcome = status switch
        {
            StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status429TooManyRequests => ToolCallOutcome.Denied,
            >= 500 or < 400 => ToolCallOutcome.Error,
            _ => ToolCallOutcome.Invalid,
        };
        var detail = failed ? "500: the server failed before the call was audited" : $"{status}: refused by the MCP transport";
        http.RequestServices.GetRequiredService<RequestAudit>().Refused(inspected, HttpRejections.CallerOf(http), outcome, detail);
    }
}
