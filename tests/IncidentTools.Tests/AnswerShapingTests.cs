using SreSuite.IncidentTools.Answers;
using SreSuite.IncidentTools.Deploys;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.IncidentTools.Tests;

public sealed class AnswerShapingTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("90m", "2026-01-31T10:30:00Z")]
    [InlineData("6h", "2026-01-31T06:00:00Z")]
    [InlineData("2d", "2026-01-29T12:00:00Z")]
    [InlineData("1w", "2026-01-24T12:00:00Z")]
    [InlineData("2026-01-30T08:15:00Z", "2026-01-30T08:15:00Z")]
    [InlineData("2026-01-30T08:15:00", "2026-01-30T08:15:00Z")]
    [InlineData("2026-01-30T10:15:00+02:00", "2026-01-30T08:15:00Z")]
    public void Times_are_read_as_utc_or_as_an_age(string text, string expected) =>
        Assert.Equal(expected, Ages.Timestamp(Times.Parse("since", text, Now)!.Value));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("6x")]
    [InlineData("h")]
    public void Other_text_is_not_a_time(string text) =>
        Assert.StartsWith($"since: '{text}' is not a time", Assert.Throws<ToolInputException>(() => Times.Parse("since", text, Now)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("Read processor URL from new config section (#482)", 482)]
    [InlineData("Merge pull request #480 from acme/chore/ci-cache", 480)]
    [InlineData("Fix typo", null)]
    public void Pull_request_numbers_come_from_squash_and_merge_titles(string title, int? expected) =>
        Assert.Equal(expected, GitHubDeploys.PullRequestOf(title));
}
