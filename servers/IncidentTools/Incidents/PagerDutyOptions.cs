namespace SreSuite.IncidentTools.Incidents;

/// <summary>PagerDuty REST API v2. The token comes only from the environment (<c>PAGERDUTY_TOKEN</c>).</summary>
public sealed class PagerDutyOptions
{
    public const string Section = "PagerDuty";

    /// <summary>API base URL; <c>PagerDuty__Url</c>, for the EU service region or a test double.</summary>
    public string Url { get; set; } = "https://api.pagerduty.com";

    /// <summary>REST API token; read from <c>PAGERDUTY_TOKEN</c> or the file <c>PAGERDUTY_TOKEN_FILE</c> names, never from configuration (<c>PagerDuty__Token</c> is ignored), never logged.</summary>
    public string? Token { get; set; }

    /// <summary>
    /// Email of the PagerDuty user that write calls act as (PagerDuty's <c>From</c> header); <c>PagerDuty__From</c>.
    /// Configured by the operator, never taken from a tool argument.
    /// </summary>
    public string? From { get; set; }

    /// <summary>Seconds before one call is abandoned; <c>PagerDuty__TimeoutSeconds</c>.</summary>
    public int TimeoutSeconds { get; set; } = 20;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Token);
}
