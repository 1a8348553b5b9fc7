using System.Net;
using SreSuite.IncidentFixtures;

namespace SreSuite.Resilience.Tests.Backends;

/// <summary>IncidentTools with the incident fixture's PagerDuty behind the proxy.</summary>
public sealed class PagerDutyBackend : IncidentBackend
{
    public override string HealthCheck => "incidents";

    public override ProbeCall Probe { get; } = new("incident_list", new Dictionary<string, object?>(), "open incidents");

    public override ProbeCall LongCall { get; } = new("oncall_now", new Dictionary<string, object?> { ["service"] = "payments-api" }, "Payments primary");

    protected override string UrlSetting => "PagerDuty__Url";

    protected override Uri UpstreamOf(IncidentFixture fixture) => fixture.PagerDutyUrl;

    // PagerDuty REST API v2 error bodies and rate-limit headers.
    public override FailureAnswer Failure(HttpStatusCode status) => status switch
    {
        HttpStatusCode.InternalServerError => new(ProxyFault.Answer(status, """{"error":{"message":"Internal Server Error","code":2000}}"""), "500"),
        HttpStatusCode.Forbidden => new(ProxyFault.Answer(status, """{"error":{"message":"Access Denied","code":2010,"errors":["The API key does not have access to incidents"]}}"""), "403"),
        HttpStatusCode.TooManyRequests => new(ProxyFault.Answer(status, """{"error":{"message":"Rate Limit Exceeded","code":2020}}""", "application/json",
            ("ratelimit-limit", "960"), ("ratelimit-remaining", "0"), ("ratelimit-reset", "37")), "429"),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}

public sealed class PagerDutyFaults(PagerDutyBackend backend) : BackendFaultContract<PagerDutyBackend>(backend);
