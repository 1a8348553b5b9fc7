using System.Security.Cryptography;
using System.Text;

namespace SreSuite.IncidentFixtures;

/// <summary>
/// The demo story every SreSuite fixture tells, with times relative to <see cref="Now"/>: payments-api v2.14.0 is
/// deployed at now − 3h, its pods crash-loop, the 5xx rate rises and PagerDuty opens an incident five minutes later.
/// </summary>
public sealed class DemoStory(DateTimeOffset now)
{
    public const string Repository = "acme/payments-api";
    public const string PagerDutyServiceId = "PSVC001";
    public const string IncidentId = "PINC001";
    public const string IncidentTitle = "PaymentsApiHighErrorRate: payments-api 5xx above 5%";
    public const string DeployVersion = "v2.14.0";
    public const string DeploySha = "9f3c2e1ab4d5c6e7f8091a2b3c4d5e6f70819a2b";
    public const string DeployAuthor = "dana-dev";
    public const string DeployAuthorName = "Dana Developer";
    public const int DeployPullRequest = 482;
    public const string DeployPullRequestTitle = "Read processor URL from new config section";
    public const string PreviousVersion = "v2.13.2";
    public const string PreviousSha = "41b7d0c9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3";
    public const string OnCallPrimary = "Priya Raman";

    public DateTimeOffset Now { get; } = new(now.UtcDateTime.Ticks - (now.UtcDateTime.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    public DateTimeOffset DeployAt => Now.AddHours(-3);

    public DateTimeOffset PreviousDeployAt => Now.AddDays(-2);

    public DateTimeOffset IncidentAt => DeployAt.AddMinutes(5);

    /// <summary>A stable, realistic-looking 40-hex sha for a seed.</summary>
    public static string Sha(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..40];
}
