namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>Where the audit trail goes: JSON lines on stderr, in a file, or both; always also as OpenTelemetry logs.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Write audit records to stderr; <c>Audit__Stderr</c>, on by default.</summary>
    public bool Stderr { get; set; } = true;

    /// <summary>Append audit records to this file as JSON lines; <c>Audit__File</c>.</summary>
    public string? File { get; set; }
}
