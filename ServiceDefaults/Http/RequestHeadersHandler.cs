namespace SreSuite.ServiceDefaults.Http;

/// <summary>
/// Puts a backend's credentials and fixed headers on every request of the one typed client it is added to (each retry
/// included), so no other client ever carries them.
/// </summary>
public sealed class RequestHeadersHandler(Action<HttpRequestMessage> apply) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        apply(request);
        return base.SendAsync(request, cancellationToken);
    }
}
