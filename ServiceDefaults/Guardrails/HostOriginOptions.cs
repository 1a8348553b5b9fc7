namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// Which <c>Host</c> and <c>Origin</c> values the MCP endpoint accepts (DNS-rebinding protection).
/// Loopback names are always accepted; a team deployment lists the names its clients use.
/// </summary>
public sealed class HostOriginOptions
{
    public const string Section = "Mcp";

    /// <summary>Comma-separated host names besides loopback, e.g. <c>sre-tools.example.com</c>; <c>Mcp__AllowedHosts</c>.</summary>
    public string? AllowedHosts { get; set; }

    /// <summary>Comma-separated browser origins besides loopback, e.g. <c>https://inspector.example.com</c>; <c>Mcp__AllowedOrigins</c>.</summary>
    public string? AllowedOrigins { get; set; }
}
