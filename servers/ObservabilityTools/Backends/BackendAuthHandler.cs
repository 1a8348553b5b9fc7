namespace SreSuite.ObservabilityTools.Backends;

/// <summary>Puts a backend's credentials and headers on every request its typed client sends (each retry included).</summary>
public sealed class BackendAuthHandler(BackendAuth auth) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        auth.Apply(request);
        return base.SendAsync(request, cancellationToken);
    }
}
