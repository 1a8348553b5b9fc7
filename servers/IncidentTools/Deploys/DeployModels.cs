namespace SreSuite.IncidentTools.Deploys;

/// <summary>What kind of change a <see cref="DeployEvent"/> is.</summary>
public enum DeployKind
{
    Deployment,
    WorkflowRun,
    Release,
}

/// <summary>A deployment, a deploy-workflow run or a release, in one shape so they merge into one list.</summary>
/// <param name="Version">The ref, tag or release name.</param>
/// <param name="Title">Free text from GitHub (run title, release name); untrusted.</param>
public sealed record DeployEvent(
    DateTimeOffset At,
    DeployKind Kind,
    string Repository,
    string? Environment,
    string? Version,
    string? Sha,
    string? Author,
    string Status,
    string? Title,
    string? Url);

/// <summary>Recent deploys of a repository and what limited them.</summary>
/// <param name="Events">Newest first.</param>
/// <param name="Notes">What could not be read or was capped (a missing workflow, a page limit).</param>
public sealed record DeployHistory(IReadOnlyList<DeployEvent> Events, IReadOnlyList<string> Notes);

/// <summary>One file a commit changed, with its added and deleted lines.</summary>
public sealed record FileChange(string Path, int Additions, int Deletions)
{
    public int Changes => Additions + Deletions;
}

/// <summary>
/// One commit: sha, author, first line of its message, the pull request it came from, and the files it changed,
/// most-changed first (null when they were not read).
/// </summary>
public sealed record CommitChange(string Sha, DateTimeOffset? At, string Author, string Title, int? PullRequest, IReadOnlyList<FileChange>? Files = null);

/// <summary>
/// The commits between two refs or two times. <paramref name="TotalCommits"/> is GitHub's count, which can
/// exceed the commits listed (a compare lists at most 250); <paramref name="FilesChanged"/> is null when unknown.
/// </summary>
public sealed record ChangeSet(
    string Repository,
    string Description,
    IReadOnlyList<CommitChange> Commits,
    int TotalCommits,
    int? FilesChanged,
    bool FilesCapped,
    IReadOnlyList<string> Notes);
