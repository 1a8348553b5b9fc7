using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Http;

namespace SreSuite.IncidentTools.Deploys;

/// <summary>
/// Deployments and their statuses, deploy-workflow runs, releases and compares from GitHub through Octokit.
/// Pages are followed through the <c>Link</c> header up to a fixed number, never "all pages", and every call
/// carries the tool's cancellation token.
/// </summary>
public sealed partial class GitHubDeploys : IBackend
{
    public const string HttpClientName = "github";

    // GitHub's page size maximum.
    private const int PageSize = 100;

    private const int MaxRunPages = 3;
    private const int MaxStatusLookups = 20;

    // Commits whose files are read one by one (GitHub's compare lists files for the whole range only).
    private const int MaxFileLookups = 20;

    private readonly GitHubOptions _options;
    private readonly Lazy<GitHubClient> _client;

    public GitHubDeploys(IOptions<GitHubOptions> options, IHttpMessageHandlerFactory handlers)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _client = new Lazy<GitHubClient>(() => CreateClient(_options, handlers));
    }

    public string DisplayName => "GitHub";

    public bool IsConfigured => _options.IsConfigured;

    public string Endpoint => _options.Url;

    public string NotConfiguredMessage => "no deploy source configured: set GITHUB_TOKEN (and GitHub__Url for GitHub Enterprise)";

    private IConnection Connection => IsConfigured
        ? _client.Value.Connection
        : throw new ToolFailureException($"{NotConfiguredMessage}.");

    public async Task<string> ProbeAsync(CancellationToken cancellationToken)
    {
        var limits = await Get<MiscellaneousRateLimit>("the rate limit", new Uri("rate_limit", UriKind.Relative), null, cancellationToken);
        var core = limits.Body.Resources?.Core;
        return core is null
            ? "GitHub REST API"
            : string.Create(CultureInfo.InvariantCulture, $"GitHub REST API ({core.Remaining} of {core.Limit} requests left this hour)");
    }

    /// <summary>Deployments (with their latest status), deploy-workflow runs and releases in the window, newest first.</summary>
    public async Task<DeployHistory> RecentAsync(string repository, string? environment, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var deployments = DeploymentsAsync(repository, environment, since, until, notes, cancellationToken);
        var runs = WorkflowRunsAsync(repository, since, until, notes, cancellationToken);
        var releases = ReleasesAsync(repository, since, until, cancellationToken);
        var events = (await deployments).Concat(await runs).Concat(await releases)
            .Where(e => environment is null || e.Environment is null || e.Kind == DeployKind.Release
                || string.Equals(e.Environment, environment, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(e => e.At)
            .ThenBy(e => e.Kind)
            .ToList();
        return new DeployHistory(events, notes);
    }

    /// <summary>Commits in <paramref name="head"/> that are not in <paramref name="baseRef"/> (GitHub lists at most 250).</summary>
    public async Task<ChangeSet> CompareAsync(string repository, string baseRef, string head, CancellationToken cancellationToken)
    {
        var uri = new Uri($"repos/{repository}/compare/{Uri.EscapeDataString(baseRef)}...{Uri.EscapeDataString(head)}", UriKind.Relative);
        var compare = (await Get<CompareResult>($"a compare of {baseRef}...{head} in {repository}", uri, null, cancellationToken)).Body;
        var commits = compare.Commits ?? [];
        var notes = new List<string>();
        if (compare.TotalCommits > commits.Count)
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"GitHub lists at most 250 commits per compare: {compare.TotalCommits - commits.Count} older commits are not shown; compare closer refs"));
        var files = compare.Files?.Count;
        return new ChangeSet(
            repository,
            string.Create(CultureInfo.InvariantCulture, $"{baseRef}...{head}: {compare.Status}, {compare.AheadBy} ahead, {compare.BehindBy} behind"),
            await WithFilesAsync(repository, [.. commits.Reverse().Select(ToChange)], notes, cancellationToken),
            compare.TotalCommits,
            files,
            files >= 300,
            notes);
    }

    /// <summary>Commits made between two times on <paramref name="branch"/> (the default branch when null), newest first.</summary>
    public async Task<ChangeSet> CommitsAsync(string repository, DateTimeOffset since, DateTimeOffset until, string? branch, int maxCommits, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string>
        {
            ["since"] = Ages.Timestamp(since),
            ["until"] = Ages.Timestamp(until),
            ["per_page"] = PageSize.ToString(CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrWhiteSpace(branch))
            parameters["sha"] = branch;
        var (commits, more) = await GetPagesAsync<List<GitHubCommit>, GitHubCommit>(
            $"the commits of {repository}", new Uri($"repos/{repository}/commits", UriKind.Relative), parameters,
            page => page, Math.Max(1, (maxCommits + PageSize - 1) / PageSize), cancellationToken);
        var notes = new List<string>();
        if (more)
            notes.Add("more commits exist in this window than were read; narrow since/until");
        int? files = null;
        if (commits.Count > 0)
        {
            // The files changed by the whole window: a compare from the parent of its oldest commit to its newest.
            var window = await FilesChangedAsync(repository, $"{commits[^1].Sha}^", commits[0].Sha, cancellationToken);
            files = window;
            if (window is null)
                notes.Add("files changed not counted: the oldest commit has no parent to compare with");
        }

        return new ChangeSet(
            repository,
            $"commits on {branch ?? "the default branch"} from {Ages.Timestamp(since)} to {Ages.Timestamp(until)}",
            await WithFilesAsync(repository, [.. commits.Take(maxCommits).Select(ToChange)], notes, cancellationToken),
            commits.Count,
            files,
            files >= 300,
            notes);
    }

    /// <summary>
    /// The files each of the newest <see cref="MaxFileLookups"/> commits changed, most-changed first, read from
    /// GitHub's single-commit endpoint; a commit whose files cannot be read keeps null and the notes say so.
    /// </summary>
    private async Task<IReadOnlyList<CommitChange>> WithFilesAsync(string repository, IReadOnlyList<CommitChange> commits, List<string> notes, CancellationToken cancellationToken)
    {
        var lookups = commits.Take(MaxFileLookups).Select(async commit =>
        {
            try
            {
                var detail = (await Get<GitHubCommit>($"commit {commit.Sha[..Math.Min(7, commit.Sha.Length)]} of {repository}",
                    new Uri($"repos/{repository}/commits/{Uri.EscapeDataString(commit.Sha)}", UriKind.Relative), null, cancellationToken)).Body;
                return commit with
                {
                    Files = [.. (detail.Files ?? []).Select(f => new FileChange(f.Filename, f.Additions, f.Deletions))
                        .OrderByDescending(f => f.Changes).ThenBy(f => f.Path, StringComparer.Ordinal)],
                };
            }
            catch (ToolFailureException ex) when (ex.InnerException is not OperationCanceledException)
            {
                return commit;
            }
        }).ToList();
        var read = await Task.WhenAll(lookups);
        if (read.Any(c => c.Files is null))
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"the files of {read.Count(c => c.Files is null)} commits could not be read from GitHub"));
        if (commits.Count > MaxFileLookups)
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"files are listed for the first {MaxFileLookups} commits shown; compare closer refs for the rest"));
        return [.. read, .. commits.Skip(MaxFileLookups)];
    }

    private async Task<int?> FilesChangedAsync(string repository, string baseRef, string head, CancellationToken cancellationToken)
    {
        var uri = new Uri($"repos/{repository}/compare/{Uri.EscapeDataString(baseRef)}...{Uri.EscapeDataString(head)}", UriKind.Relative);
        try
        {
            return (await Get<CompareResult>($"a compare of {baseRef}...{head} in {repository}", uri, null, cancellationToken)).Body.Files?.Count;
        }
        catch (ToolFailureException ex) when (ex.InnerException is NotFoundException)
        {
            return null;
        }
    }

    private async Task<List<DeployEvent>> DeploymentsAsync(
        string repository, string? environment, DateTimeOffset since, DateTimeOffset until, List<string> notes, CancellationToken cancellationToken)
    {
        // Octokit's Deployment.GetAll sends no filters; the endpoint takes environment and per_page.
        var parameters = new Dictionary<string, string> { ["per_page"] = PageSize.ToString(CultureInfo.InvariantCulture) };
        if (environment is not null)
            parameters["environment"] = environment;
        var (deployments, _) = await GetPagesAsync<List<Deployment>, Deployment>(
            $"the deployments of {repository}", new Uri($"repos/{repository}/deployments", UriKind.Relative), parameters,
            page => page, 1, cancellationToken);
        var inWindow = deployments.Where(d => d.CreatedAt >= since && d.CreatedAt <= until).OrderByDescending(d => d.CreatedAt).ToList();
        if (inWindow.Count > MaxStatusLookups)
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"status read for the newest {MaxStatusLookups} of {inWindow.Count} deployments only"));
        var statuses = await Task.WhenAll(inWindow.Take(MaxStatusLookups).Select(d => LatestStatusAsync(repository, d.Id, cancellationToken)));
        return [.. inWindow.Select((d, i) => new DeployEvent(
            d.CreatedAt, DeployKind.Deployment, repository, d.Environment, d.Ref, d.Sha, d.Creator?.Login,
            i < statuses.Length ? statuses[i] ?? "no status" : "status not read",
            d.Description, null))];
    }

    private async Task<string?> LatestStatusAsync(string repository, long deploymentId, CancellationToken cancellationToken)
    {
        var uri = new Uri(string.Create(CultureInfo.InvariantCulture, $"repos/{repository}/deployments/{deploymentId}/statuses"), UriKind.Relative);
        var statuses = await Get<List<DeploymentStatus>>($"the statuses of deployment {deploymentId}", uri, new Dictionary<string, string> { ["per_page"] = "1" }, cancellationToken);
        var latest = statuses.Body.FirstOrDefault();
        return latest is null ? null : $"{Snake(latest.State.StringValue)} at {Ages.Timestamp(latest.CreatedAt)}";
    }

    private async Task<List<DeployEvent>> WorkflowRunsAsync(
        string repository, DateTimeOffset since, DateTimeOffset until, List<string> notes, CancellationToken cancellationToken)
    {
        var events = new List<DeployEvent>();
        foreach (var workflow in _options.DeployWorkflowFiles)
        {
            var parameters = new Dictionary<string, string>
            {
                ["created"] = $"{Ages.Timestamp(since)}..{Ages.Timestamp(until)}",
                ["per_page"] = PageSize.ToString(CultureInfo.InvariantCulture),
            };
            var uri = new Uri($"repos/{repository}/actions/workflows/{Uri.EscapeDataString(workflow)}/runs", UriKind.Relative);
            List<WorkflowRun> runs;
            bool more;
            try
            {
                (runs, more) = await GetPagesAsync<WorkflowRunsResponse, WorkflowRun>(
                    $"the runs of workflow {workflow} in {repository}", uri, parameters, page => page.WorkflowRuns, MaxRunPages, cancellationToken);
            }
            catch (ToolFailureException ex) when (ex.InnerException is NotFoundException)
            {
                notes.Add($"workflow {workflow} not found in {repository}; set GitHub__DeployWorkflows to its deploy workflow files");
                continue;
            }

            if (more)
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"only the newest {runs.Count} runs of {workflow} were read ({MaxRunPages} pages); narrow since"));
            events.AddRange(runs.Select(run => new DeployEvent(
                run.RunStartedAt == default ? run.CreatedAt : run.RunStartedAt,
                DeployKind.WorkflowRun,
                repository,
                EnvironmentOf(run.DisplayTitle ?? run.Name),
                run.HeadBranch,
                run.HeadSha,
                run.Actor?.Login,
                run.Conclusion is { } conclusion ? Snake(conclusion.StringValue) : Snake(run.Status.StringValue),
                run.DisplayTitle ?? run.Name,
                run.HtmlUrl)));
        }

        return events;
    }

    private async Task<List<DeployEvent>> ReleasesAsync(string repository, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var (releases, _) = await GetPagesAsync<List<Release>, Release>(
            $"the releases of {repository}", new Uri($"repos/{repository}/releases", UriKind.Relative),
            new Dictionary<string, string> { ["per_page"] = "30" }, page => page, 1, cancellationToken);
        return [.. releases
            .Where(r => !r.Draft && (r.PublishedAt ?? r.CreatedAt) >= since && (r.PublishedAt ?? r.CreatedAt) <= until)
            .Select(r => new DeployEvent(
                r.PublishedAt ?? r.CreatedAt, DeployKind.Release, repository, null, r.TagName, null, r.Author?.Login,
                r.Prerelease ? "pre-release" : "published", r.Name, r.HtmlUrl))];
    }

    private async Task<(List<TItem> Items, bool More)> GetPagesAsync<TPage, TItem>(
        string what, Uri uri, IDictionary<string, string>? parameters, Func<TPage, IEnumerable<TItem>> items, int maxPages, CancellationToken cancellationToken)
    {
        var all = new List<TItem>();
        Uri? next = uri;
        for (var page = 0; next is not null && page < maxPages; page++)
        {
            var response = await Get<TPage>(what, next, page == 0 ? parameters : null, cancellationToken);
            all.AddRange(items(response.Body) ?? []);
            next = response.HttpResponse.ApiInfo?.Links is { } links && links.TryGetValue("next", out var link) ? link : null;
        }

        return (all, next is not null);
    }

    private Task<IApiResponse<T>> Get<T>(string what, Uri uri, IDictionary<string, string>? parameters, CancellationToken cancellationToken) =>
        GitHubErrors.CallAsync(what, _options.TimeoutSeconds, () => Connection.Get<T>(uri, parameters, null, cancellationToken), cancellationToken);

    private static CommitChange ToChange(GitHubCommit commit)
    {
        var title = (commit.Commit?.Message ?? string.Empty).Split('\n')[0].Trim();
        return new CommitChange(
            commit.Sha,
            commit.Commit?.Author?.Date,
            commit.Author?.Login ?? commit.Commit?.Author?.Name ?? "?",
            title,
            PullRequestOf(title));
    }

    /// <summary>The pull request of a squash-merge title "… (#482)" or a merge commit "Merge pull request #482 …".</summary>
    public static int? PullRequestOf(string title)
    {
        var match = PullRequestNumber().Match(title ?? string.Empty);
        return match.Success ? int.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Deploy workflows name their environment in the run title ("Deploy v2.14.0 to production").</summary>
    private static string? EnvironmentOf(string? title)
    {
        var match = EnvironmentName().Match(title ?? string.Empty);
        return match.Success ? match.Groups["environment"].Value.ToLowerInvariant() : null;
    }

    private static string Snake(string value) =>
        string.Concat(value.Select((c, i) => char.IsUpper(c) && i > 0 ? $"_{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));

    private static GitHubClient CreateClient(GitHubOptions options, IHttpMessageHandlerFactory handlers)
    {
        // Octokit would rewrite any non-github.com host to /api/v3/; a Connection keeps the URL as configured.
        // Routes are relative, so the base must end with '/'.
        var baseUri = new Uri(options.Url.TrimEnd('/') + "/");
        var connection = new Connection(
            new ProductHeaderValue("SreSuite-IncidentTools"),
            baseUri,
            new InMemoryCredentialStore(new Credentials(options.Token)),
            new HttpClientAdapter(() => handlers.CreateHandler(HttpClientName)),
            new SimpleJsonSerializer());
        connection.SetRequestTimeout(TimeSpan.FromSeconds(Math.Clamp(options.TimeoutSeconds, 1, 600)));
        return new GitHubClient(connection);
    }

    [GeneratedRegex(@"(?:\(#|pull request #)(?<number>\d{1,7})\)?", RegexOptions.IgnoreCase)]
    private static partial Regex PullRequestNumber();

    [GeneratedRegex(@"\bto (?<environment>[A-Za-z][\w-]{1,30})\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnvironmentName();
}
