namespace SreSuite.ServiceDefaults.Security;

/// <summary>Limits on the MCP endpoint: request size and per-caller request rate.</summary>
public sealed class HttpHardeningOptions
{
    public const string Section = "Mcp";

    /// <summary>Largest request body accepted, in bytes; <c>Mcp__MaxRequestBytes</c>.</summary>
    public long MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>Requests per minute one caller (token subject, else client address) may make; <c>Mcp__RateLimitPerMinute</c>.</summary>
    public int RateLimitPerMinute { get; set; } = 600;
}
