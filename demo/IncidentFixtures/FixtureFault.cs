namespace SreSuite.IncidentFixtures;

/// <summary>A failure a fixture backend can be switched into, to test how the server reports it.</summary>
public enum FixtureFault
{
    None,

    /// <summary>401: the token is refused.</summary>
    Unauthorized,

    /// <summary>PagerDuty 429 with ratelimit-* headers; GitHub 403 with X-RateLimit-Remaining: 0 and X-RateLimit-Reset.</summary>
    RateLimited,

    /// <summary>404 for every path.</summary>
    NotFound,

    /// <summary>502 Bad Gateway.</summary>
    ServerError,

    /// <summary>Answers normally after <see cref="IncidentFixture.SlowDelay"/>.</summary>
    Slow,
}
