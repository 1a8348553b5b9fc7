using Microsoft.Extensions.Options;

namespace SreSuite.IncidentTools.Incidents.PagerDuty;

/// <summary>
/// Adds PagerDuty's REST API v2 headers to the PagerDuty client only: <c>Authorization: Token token=…</c>
/// (any other scheme gets 401) and <c>Accept: application/vnd.pagerduty+json;version=2</c>.
/// </summary>
public sealed class PagerDutyAuthHandler(IOptions<PagerDutyOptions> options) : DelegatingHandler
{
    public const string AcceptV2 = "application/vnd.pagerduty+json;version=2";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.TryAddWithoutValidation("Authorization", $"Token token={options.Value.Token}");
        // Sent exactly as PagerDuty documents it (a parsed media type would be re-spaced).
        request.Headers.Remove("Accept");
        request.Headers.TryAddWithoutValidation("Accept", AcceptV2);
        return base.SendAsync(request, cancellationToken);
    }
}
