using System.Net;
using SreSuite.IncidentFixtures;

namespace SreSuite.Resilience.Tests.Backends;

/// <summary>IncidentTools with the incident fixture's GitHub behind the proxy.</summary>
public sealed class GitHubBackend : IncidentBackend
{
    public override string HealthCheck => "deploys";

    public override ProbeCall Probe { get; } = new("deploys_recent", new Dictionary<string, object?> { ["service"] = "payments-api" }, "v2.14.0");

    public override ProbeCall LongCall { get; } = new("changes_between", new Dictionary<string, object?> { ["service"] = "payments-api", ["since"] = "6h" }, "dana-dev");

    protected override string UrlSetting => "GitHub__Url";

    protected override Uri UpstreamOf(IncidentFixture fixture) => fixture.GitHubUrl;

    // GitHub REST API error bodies; a 429 is its secondary rate limit, sent with Retry-After.
    public override FailureAnswer Failure(HttpStatusCode status) => status switch
    {
        HttpStatusCode.InternalServerError => new(ProxyFault.Answer(status, """{"message":"Server Error"}"""), "500"),
        HttpStatusCode.Forbidden => new(ProxyFault.Answer(status,
            """{"message":"Resource not accessible by integration","documentation_url":"https://docs.github.com/rest/deployments/deployments#list-deployments","status":"403"}""",
            "application/json; charset=utf-8", ("X-RateLimit-Limit", "5000"), ("X-RateLimit-Remaining", "4990")), "403"),
        HttpStatusCode.TooManyRequests => new(ProxyFault.Answer(status,
            """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits","status":"429"}""",
            "application/json; charset=utf-8", ("Retry-After", "60")), "429"),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}

public sealed class GitHubFaults(GitHubBackend backend) : BackendFaultContract<GitHubBackend>(backend);
