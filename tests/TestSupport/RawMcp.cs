using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace SreSuite.Tests;

/// <summary>Hand-made HTTP requests to an MCP endpoint, for inputs a well-behaved client would never send.</summary>
public static class RawMcp
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public sealed record Reply(HttpStatusCode Status, string Body, HttpResponseHeaders Headers)
    {
        /// <summary>The JSON-RPC message in the body, whether sent as JSON or as one SSE event.</summary>
        public JsonObject? Message
        {
            get
            {
                var json = Body.TrimStart().StartsWith('{')
                    ? Body
                    : string.Join('\n', Body.Split('\n').Where(line => line.StartsWith("data:", StringComparison.Ordinal)).Select(line => line[5..].Trim()));
                try
                {
                    return string.IsNullOrWhiteSpace(json) ? null : JsonNode.Parse(json) as JsonObject;
                }
                catch (System.Text.Json.JsonException)
                {
                    return null;
                }
            }
        }

        /// <summary>The text of a tool result, or the error message of a JSON-RPC error.</summary>
        public string Text =>
            Message?["result"]?["content"]?.AsArray().Select(block => block?["text"]?.GetValue<string>()).FirstOrDefault()
            ?? Message?["error"]?["message"]?.GetValue<string>()
            ?? Body;

        public bool IsToolError => Message?["result"]?["isError"]?.GetValue<bool>() == true;

        public int? ErrorCode => Message?["error"]?["code"]?.GetValue<int>();
    }

    public static Task<Reply> PostAsync(
        Uri mcpUrl, string body, CancellationToken cancellationToken, IDictionary<string, string>? headers = null, string? protocolVersion = "2025-11-25") =>
        PostAsync(mcpUrl, Encoding.UTF8.GetBytes(body), cancellationToken, headers, protocolVersion);

    /// <summary>Posts raw bytes (invalid UTF-8 included); <paramref name="chunked"/> sends them without a Content-Length.</summary>
    public static async Task<Reply> PostAsync(
        Uri mcpUrl, byte[] body, CancellationToken cancellationToken, IDictionary<string, string>? headers = null, string? protocolVersion = "2025-11-25", bool chunked = false)
    {
        HttpContent content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (chunked)
            content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, mcpUrl) { Content = content };
        if (chunked)
            request.Headers.TransferEncodingChunked = true;
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (protocolVersion is not null)
            request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", protocolVersion);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
                request.Headers.Host = value;
            else
                request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Http.SendAsync(request, cancellationToken);
        return new Reply(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken), response.Headers);
    }

    /// <summary>A <c>tools/call</c> request body.</summary>
    public static string ToolCall(string tool, string argumentsJson = "{}", int id = 1) =>
        $$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"tools/call","params":{"name":{{{System.Text.Json.JsonSerializer.Serialize(tool)}}},"arguments":{{{argumentsJson}}}}}""";
}
