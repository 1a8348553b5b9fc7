using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.IncidentTools.Deploys;

/// <summary>GitHub or GitHub Enterprise, for deployments, workflow runs, releases and compares.</summary>
public sealed class GitHubOptions
{
    public const string Section = "GitHub";

    /// <summary>API base URL; <c>GitHub__Url</c> (e.g. https://github.example.com/api/v3 for Enterprise).</summary>
    public string Url { get; set; } = "https://api.github.com";

    /// <summary>Token; read from <c>GITHUB_TOKEN</c> or the file <c>GITHUB_TOKEN_FILE</c> names, never from configuration (<c>GitHub__Token</c> is ignored), never logged.</summary>
    public string? Token { get; set; }

    /// <summary>Comma-separated workflow file names whose runs are deploys; <c>GitHub__DeployWorkflows</c>.</summary>
    public string DeployWorkflows { get; set; } = "deploy.yml";

    /// <summary>Seconds before one call is abandoned; <c>GitHub__TimeoutSeconds</c>.</summary>
    public int TimeoutSeconds { get; set; } = 20;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Token);

    public IReadOnlyList<string> DeployWorkflowFiles => SettingLists.Names(DeployWorkflows);
}
