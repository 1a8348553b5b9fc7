using SreSuite.IncidentFixtures;

namespace SreSuite.IncidentTools.Tests;

/// <summary>
/// What the tests pin of the default scenario (demo/scenarios/payments-deploy-crashloop: pagerduty/ and github/):
/// its names as constants, its times read from the scenario the fixture serves.
/// </summary>
internal static class PaymentsStory
{
    public const string Repository = "acme/payments-api";
    public const string IncidentId = "PINC001";
    public const string IncidentTitle = "PaymentsApiHighErrorRate: payments-api 5xx above 5%";
    public const string DeployVersion = "v2.14.0";
    public const string DeploySha = "9f3c2e1ab4d5c6e7f8091a2b3c4d5e6f70819a2b";
    public const string DeployPullRequestTitle = "Read processor URL from new config section";
    public const string PreviousVersion = "v2.13.2";
    public const string OnCallPrimary = "Priya Raman";

    public static DateTimeOffset IncidentAt(IncidentFixture fixture) => fixture.Scenario.Incidents.Single(i => i.Id == IncidentId).CreatedAt;

    public static DateTimeOffset DeployAt(IncidentFixture fixture) =>
        fixture.Scenario.Deployments.Single(d => d.Ref == DeployVersion && d.Environment == "production").CreatedAt;
}
