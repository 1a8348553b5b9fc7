namespace SreSuite.IncidentTools.Deploys;

/// <summary>GitHub or GitHub Enterprise, for deployments, workflow runs, releases and compares.</summary>
public sealed class GitHubOptions
{
    public const string Section = "GitHub";

    /// <summary>API base URL; <c>GitHub__Url</c> (e.g. https://github.example.com/api/v3 for Enterprise).</summary>
    public string Url { get; set; } = "https://api.github.com";

    /// <summary>Token; read from <c>GITHUB_TOKEN</c> (or <c>GitHub__Token</c>), never logged.</summary>
    public string? Token { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Token);
}
