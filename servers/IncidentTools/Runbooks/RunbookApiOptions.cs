using SreSuite.ServiceDefaults.Http;

namespace SreSuite.IncidentTools.Runbooks;

/// <summary>
/// An internal runbook HTTP API, for teams that serve runbooks from a service instead of a folder:
/// <c>RUNBOOK_API_URL</c> or <c>RunbookApi__Url</c>, bearer token from <c>RUNBOOK_API_TOKEN</c>.
/// </summary>
public sealed class RunbookApiOptions : HttpBackendOptions
{
    public const string Section = "RunbookApi";

    /// <summary>Bearer token; read from <c>RUNBOOK_API_TOKEN</c> or the file <c>RUNBOOK_API_TOKEN_FILE</c> names, never from configuration (<c>RunbookApi__Token</c> is ignored), never logged.</summary>
    public string? Token { get; set; }
}
