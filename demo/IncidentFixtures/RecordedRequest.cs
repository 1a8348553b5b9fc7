namespace SreSuite.IncidentFixtures;

/// <summary>One request a fixture backend received, so tests can assert what was sent where.</summary>
/// <param name="Backend">"pagerduty", "github" or "runbook-api".</param>
/// <param name="Path">Path below the backend's prefix, with the query string.</param>
/// <param name="Headers">Header names in lower case.</param>
public sealed record RecordedRequest(string Backend, string Method, string Path, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name.ToLowerInvariant());
}
