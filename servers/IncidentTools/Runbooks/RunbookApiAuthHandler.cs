using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace SreSuite.IncidentTools.Runbooks;

/// <summary>Adds <c>Authorization: Bearer</c> with the runbook API token to that client only.</summary>
public sealed class RunbookApiAuthHandler(IOptions<RunbookApiOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.IsNullOrWhiteSpace(options.Value.Token))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.Token);
        return base.SendAsync(request, cancellationToken);
    }
}
