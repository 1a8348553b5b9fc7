using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using SreSuite.Scenarios;
using Commit = SreSuite.Scenarios.Commit;
using Release = SreSuite.Scenarios.Release;
using WorkflowRun = SreSuite.Scenarios.WorkflowRun;

namespace SreSuite.IncidentFixtures;

/// <summary>
/// The GitHub REST API over a scenario's <c>github/</c> files, in GitHub's shapes: for every repository they name,
/// deployments and their statuses, workflow runs, releases, commits and compares, paged with <c>per_page</c>/<c>page</c>
/// and <c>Link</c> headers, with <c>X-RateLimit-*</c> headers on every answer. Other repositories are 404.
/// </summary>
public sealed class GitHubFixture
{
    public const string Prefix = "/github";
    public const string DeployWorkflow = "deploy.yml";
    private const string Web = "https://github.com";
    private const string Api = "https://api.github.com";

    private readonly DateTimeOffset _now;
    private readonly Dictionary<string, Repo> _repos = new(StringComparer.OrdinalIgnoreCase);
    private int _remaining = 5000;

    public GitHubFixture(Scenario scenario, string? token = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _now = scenario.Clock.Now;
        Token = token ?? "ghp_fixture" + Guid.NewGuid().ToString("N")[..20];
        Seed(scenario);
    }

    public string Token { get; }

    public FixtureFault Fault { get; set; }

    /// <summary>Runs of the deploy workflow (<see cref="DeployWorkflow"/>) in every repository.</summary>
    public int DeployRunCount => _repos.Values.Sum(r => r.Runs.Count(run => WorkflowFile(run.Path) == DeployWorkflow));

    /// <summary>The repositories served (owner/name).</summary>
    public IReadOnlyCollection<string> Repositories => _repos.Keys;

    private long ResetEpoch => _now.AddHours(1).ToUnixTimeSeconds();

    public void Map(IEndpointRouteBuilder routes)
    {
        var gh = routes.MapGroup(Prefix);
        gh.MapGet("/rate_limit", () => Json(new JsonObject
        {
            ["resources"] = new JsonObject { ["core"] = Limit(), ["search"] = new JsonObject { ["limit"] = 30, ["remaining"] = 30, ["reset"] = ResetEpoch, ["used"] = 0 } },
            ["rate"] = Limit(),
        }));
        var repo = gh.MapGroup("/repos/{owner}/{name}");
        repo.AddEndpointFilter(async (context, next) =>
            _repos.ContainsKey($"{context.HttpContext.GetRouteValue("owner")}/{context.HttpContext.GetRouteValue("name")}")
                ? await next(context)
                : NotFound());
        repo.MapGet("/deployments", (string owner, string name, HttpRequest request) =>
        {
            var r = _repos[$"{owner}/{name}"];
            var environment = request.Query["environment"].ToString();
            var sha = request.Query["sha"].ToString();
            var @ref = request.Query["ref"].ToString();
            var items = r.Deployments
                .Where(d => (environment.Length == 0 || d.Environment == environment) && (sha.Length == 0 || d.Sha == sha) && (@ref.Length == 0 || d.Ref == @ref))
                .OrderByDescending(d => d.CreatedAt)
                .Select(d => DeploymentJson(r, d))
                .ToList();
            return Paged(request, items, 30);
        });
        repo.MapGet("/deployments/{id:long}/statuses", (string owner, string name, long id, HttpRequest request) =>
        {
            var r = _repos[$"{owner}/{name}"];
            var deployment = r.Deployments.FirstOrDefault(d => d.Id == id);
            return deployment is null ? NotFound() : Paged(request, [.. deployment.Statuses.OrderByDescending(s => s.At).Select((s, i) => StatusJson(r, deployment, s, i))], 30);
        });
        repo.MapGet("/actions/workflows/{workflow}/runs", (string owner, string name, string workflow, HttpRequest request) =>
        {
            var r = _repos[$"{owner}/{name}"];
            var runs = r.Runs.Where(run => WorkflowFile(run.Path) == workflow || WorkflowId(run.Path).ToString(CultureInfo.InvariantCulture) == workflow).ToList();
            return runs.Count > 0 || workflow == DeployWorkflow ? Runs(r, runs, request) : NotFound();
        });
        repo.MapGet("/actions/runs", (string owner, string name, HttpRequest request) => Runs(_repos[$"{owner}/{name}"], _repos[$"{owner}/{name}"].Runs, request));
        repo.MapGet("/releases", (string owner, string name, HttpRequest request) =>
        {
            var r = _repos[$"{owner}/{name}"];
            return Paged(request, [.. r.Releases.OrderByDescending(x => x.PublishedAt).Select(x => ReleaseJson(r, x))], 30);
        });
        repo.MapGet("/commits", (string owner, string name, HttpRequest request) => Commits(_repos[$"{owner}/{name}"], request));
        repo.MapGet("/commits/{reference}", (string owner, string name, string reference) =>
        {
            var r = _repos[$"{owner}/{name}"];
            return r.Resolve(Uri.UnescapeDataString(reference)) is var index and >= 0
                ? Json(CommitJson(r, r.Commits[index], true))
                : Message(422, $"No commit found for SHA: {reference}");
        });
        repo.MapGet("/compare/{**basehead}", (string owner, string name, string basehead, HttpRequest request) => Compare(_repos[$"{owner}/{name}"], basehead, request));
    }

    /// <summary>Answers before the route when a fault is on or the token is wrong; counts down the rate limit.</summary>
    public IResult? Gate(HttpRequest request)
    {
        var headers = request.HttpContext.Response.Headers;
        var remaining = Fault == FixtureFault.RateLimited ? 0 : Math.Max(0, Interlocked.Decrement(ref _remaining));
        headers["X-RateLimit-Limit"] = "5000";
        headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = ResetEpoch.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Used"] = (5000 - remaining).ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Resource"] = "core";
        headers["X-GitHub-Api-Version-Selected"] = "2022-11-28";
        switch (Fault)
        {
            case FixtureFault.Unauthorized:
                return Message(401, "Bad credentials");
            case FixtureFault.RateLimited:
                return Message(403, "API rate limit exceeded for user ID 4821. If you reach out to GitHub Support for help, please include the request ID.");
            case FixtureFault.NotFound:
                return NotFound();
            case FixtureFault.ServerError:
                return Results.Text("<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html", statusCode: 502);
            default:
                break;
        }

        var authorization = request.Headers.Authorization.ToString();
        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space > 0 ? authorization[..space] : string.Empty;
        var token = space > 0 ? authorization[(space + 1)..] : string.Empty;
        var valid = (scheme.Equals("token", StringComparison.OrdinalIgnoreCase) || scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)) && token == Token;
        return valid ? null : Message(401, "Bad credentials");
    }

    private static IResult Runs(Repo repo, List<WorkflowRun> runs, HttpRequest request)
    {
        var (from, to) = CreatedRange(request.Query["created"].ToString());
        var branch = request.Query["branch"].ToString();
        var @event = request.Query["event"].ToString();
        var matching = runs
            .Where(r => r.CreatedAt >= from && r.CreatedAt <= to && (branch.Length == 0 || r.HeadBranch == branch) && (@event.Length == 0 || r.Event == @event))
            .OrderByDescending(r => r.CreatedAt)
            .Select(r => RunJson(repo, r))
            .ToList();
        var (page, links) = Page(request, matching, 30);
        request.HttpContext.Response.Headers.Link = links;
        return Json(new JsonObject { ["total_count"] = matching.Count, ["workflow_runs"] = new JsonArray([.. page]) });
    }

    private static IResult Commits(Repo repo, HttpRequest request)
    {
        var head = request.Query["sha"].ToString();
        var headIndex = head.Length == 0 ? repo.Commits.Count - 1 : repo.Resolve(head);
        if (headIndex < 0)
            return Message(404, $"No commit found for SHA: {head}");
        var since = ParseTime(request.Query["since"]) ?? DateTimeOffset.MinValue;
        var until = ParseTime(request.Query["until"]) ?? DateTimeOffset.MaxValue;
        var items = repo.Commits.Take(headIndex + 1).Where(c => c.At >= since && c.At <= until).Reverse().Select(c => CommitJson(repo, c, false)).ToList();
        return Paged(request, items, 30);
    }

    private static IResult Compare(Repo repo, string basehead, HttpRequest request)
    {
        var parts = basehead.Split("...", 2);
        if (parts.Length != 2)
            return Message(404, "Not Found");
        var baseIndex = repo.Resolve(Uri.UnescapeDataString(parts[0]));
        var headIndex = repo.Resolve(Uri.UnescapeDataString(parts[1]));
        if (baseIndex < 0 || headIndex < 0)
            return Message(404, $"No common ancestor between {parts[0]} and {parts[1]}.");
        var ahead = Math.Max(0, headIndex - baseIndex);
        var behind = Math.Max(0, baseIndex - headIndex);
        var range = repo.Commits.Skip(baseIndex + 1).Take(ahead).ToList();
        var perPage = int.TryParse(request.Query["per_page"], out var p) ? Math.Clamp(p, 1, 250) : 250;
        var files = range.SelectMany(c => c.Files).Distinct(StringComparer.Ordinal).Take(300).ToList();
        return Json(new JsonObject
        {
            ["url"] = $"{Api}/repos/{repo.Name}/compare/{basehead}",
            ["html_url"] = $"{Web}/{repo.Name}/compare/{basehead}",
            ["permalink_url"] = $"{Web}/{repo.Name}/compare/acme:{repo.Commits[baseIndex].Sha[..7]}...acme:{repo.Commits[headIndex].Sha[..7]}",
            ["diff_url"] = $"{Web}/{repo.Name}/compare/{basehead}.diff",
            ["patch_url"] = $"{Web}/{repo.Name}/compare/{basehead}.patch",
            ["base_commit"] = CommitJson(repo, repo.Commits[baseIndex], false),
            ["merge_base_commit"] = CommitJson(repo, repo.Commits[Math.Min(baseIndex, headIndex)], false),
            ["status"] = ahead > 0 ? "ahead" : behind > 0 ? "behind" : "identical",
            ["ahead_by"] = ahead,
            ["behind_by"] = behind,
            ["total_commits"] = ahead,
            ["commits"] = new JsonArray([.. range.Take(perPage).Select(c => CommitJson(repo, c, false))]),
            ["files"] = new JsonArray([.. files.Select(f => (JsonNode)new JsonObject
            {
                ["sha"] = Sha(f + basehead),
                ["filename"] = f,
                ["status"] = "modified",
                ["additions"] = (f.Length % 17) + 2,
                ["deletions"] = f.Length % 5,
                ["changes"] = (f.Length % 17) + 2 + (f.Length % 5),
                ["blob_url"] = $"{Web}/{repo.Name}/blob/{repo.Commits[headIndex].Sha}/{f}",
                ["raw_url"] = $"{Web}/{repo.Name}/raw/{repo.Commits[headIndex].Sha}/{f}",
                ["contents_url"] = $"{Api}/repos/{repo.Name}/contents/{f}?ref={repo.Commits[headIndex].Sha}",
            })]),
        });
    }

    private static IResult Paged(HttpRequest request, List<JsonNode> items, int defaultPerPage)
    {
        var (page, links) = Page(request, items, defaultPerPage);
        request.HttpContext.Response.Headers.Link = links;
        return Json(new JsonArray([.. page]));
    }

    /// <summary>GitHub paging: per_page (at most 100) and page, with a Link header naming next, last, first and prev.</summary>
    private static (List<JsonNode> Page, string Links) Page(HttpRequest request, List<JsonNode> items, int defaultPerPage)
    {
        var perPage = int.TryParse(request.Query["per_page"], out var p) ? Math.Clamp(p, 1, 100) : defaultPerPage;
        var page = int.TryParse(request.Query["page"], out var n) ? Math.Max(1, n) : 1;
        var last = Math.Max(1, (items.Count + perPage - 1) / perPage);
        var slice = items.Skip((page - 1) * perPage).Take(perPage).Select(i => i.DeepClone()).ToList();
        var links = new List<string>();
        if (page < last)
        {
            links.Add($"<{PageUrl(request, page + 1)}>; rel=\"next\"");
            links.Add($"<{PageUrl(request, last)}>; rel=\"last\"");
        }

        if (page > 1)
        {
            links.Add($"<{PageUrl(request, 1)}>; rel=\"first\"");
            links.Add($"<{PageUrl(request, page - 1)}>; rel=\"prev\"");
        }

        return (slice, string.Join(", ", links));
    }

    private static string PageUrl(HttpRequest request, int page)
    {
        var query = request.Query.Where(q => q.Key != "page").SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? string.Empty)}")).ToList();
        query.Add(string.Create(CultureInfo.InvariantCulture, $"page={page}"));
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?{string.Join('&', query)}";
    }

    private static (DateTimeOffset From, DateTimeOffset To) CreatedRange(string created)
    {
        if (created.Length == 0)
            return (DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        if (created.StartsWith(">=", StringComparison.Ordinal))
            return (ParseTime(created[2..]) ?? DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        var range = created.Split("..", 2);
        return range.Length == 2
            ? (ParseTime(range[0]) ?? DateTimeOffset.MinValue, ParseTime(range[1]) ?? DateTimeOffset.MaxValue)
            : (DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
    }

    private JsonObject Limit()
    {
        var remaining = Math.Max(0, Volatile.Read(ref _remaining));
        return new JsonObject { ["limit"] = 5000, ["remaining"] = remaining, ["reset"] = ResetEpoch, ["used"] = 5000 - remaining, ["resource"] = "core" };
    }

    private static JsonNode DeploymentJson(Repo repo, Deployment d) => new JsonObject
    {
        ["url"] = $"{Api}/repos/{repo.Name}/deployments/{d.Id}",
        ["id"] = d.Id,
        ["node_id"] = "DE_kwDO" + Convert.ToBase64String(Encoding.ASCII.GetBytes(d.Id.ToString(CultureInfo.InvariantCulture))),
        ["sha"] = d.Sha,
        ["ref"] = d.Ref,
        ["task"] = "deploy",
        ["payload"] = d.Workload is null ? new JsonObject() : new JsonObject { ["namespace"] = d.Namespace, ["workload"] = d.Workload },
        ["original_environment"] = d.Environment,
        ["environment"] = d.Environment,
        ["description"] = d.Description,
        ["creator"] = User(d.Creator),
        ["created_at"] = Iso(d.CreatedAt),
        ["updated_at"] = Iso(d.Statuses.Max(s => s.At)),
        ["statuses_url"] = $"{Api}/repos/{repo.Name}/deployments/{d.Id}/statuses",
        ["repository_url"] = $"{Api}/repos/{repo.Name}",
        ["transient_environment"] = false,
        ["production_environment"] = d.Environment == "production",
    };

    private static JsonNode StatusJson(Repo repo, Deployment d, (string State, DateTimeOffset At) status, int index) => new JsonObject
    {
        ["url"] = $"{Api}/repos/{repo.Name}/deployments/{d.Id}/statuses/{d.Id * 10 + index}",
        ["id"] = d.Id * 10 + index,
        ["node_id"] = "DES_kwDO" + d.Id.ToString(CultureInfo.InvariantCulture),
        ["state"] = status.State,
        ["creator"] = User("github-actions[bot]"),
        ["description"] = status.State switch { "success" => "Rollout complete", "in_progress" => "Rolling out", "inactive" => "Superseded", _ => status.State },
        ["environment"] = d.Environment,
        ["target_url"] = $"{Web}/{repo.Name}/actions",
        ["log_url"] = $"{Web}/{repo.Name}/actions",
        ["environment_url"] = $"https://{repo.Name.Split('/')[1]}.{(d.Environment == "production" ? "" : d.Environment + ".")}example.com",
        ["created_at"] = Iso(status.At),
        ["updated_at"] = Iso(status.At),
        ["deployment_url"] = $"{Api}/repos/{repo.Name}/deployments/{d.Id}",
        ["repository_url"] = $"{Api}/repos/{repo.Name}",
    };

    private static JsonNode RunJson(Repo repo, WorkflowRun run)
    {
        var commit = repo.Commits.FirstOrDefault(c => c.Sha == run.HeadSha);
        var workflowId = WorkflowId(run.Path);
        return new JsonObject
        {
            ["id"] = run.Id,
            ["name"] = run.Name,
            ["node_id"] = "WFR_kwLO" + run.Id.ToString(CultureInfo.InvariantCulture),
            ["head_branch"] = run.HeadBranch,
            ["head_sha"] = run.HeadSha,
            ["path"] = run.Path,
            ["display_title"] = run.DisplayTitle,
            ["run_number"] = run.RunNumber,
            ["event"] = run.Event,
            ["status"] = run.Status,
            ["conclusion"] = run.Conclusion,
            ["workflow_id"] = workflowId,
            ["check_suite_id"] = run.Id + 7,
            ["check_suite_node_id"] = "CS_kwDO" + run.Id.ToString(CultureInfo.InvariantCulture),
            ["url"] = $"{Api}/repos/{repo.Name}/actions/runs/{run.Id}",
            ["html_url"] = $"{Web}/{repo.Name}/actions/runs/{run.Id}",
            ["pull_requests"] = new JsonArray(),
            ["created_at"] = Iso(run.CreatedAt),
            ["updated_at"] = Iso(run.UpdatedAt),
            ["actor"] = User(run.Actor),
            ["run_attempt"] = 1,
            ["run_started_at"] = Iso(run.CreatedAt),
            ["triggering_actor"] = User(run.Actor),
            ["jobs_url"] = $"{Api}/repos/{repo.Name}/actions/runs/{run.Id}/jobs",
            ["logs_url"] = $"{Api}/repos/{repo.Name}/actions/runs/{run.Id}/logs",
            ["workflow_url"] = $"{Api}/repos/{repo.Name}/actions/workflows/{workflowId}",
            ["head_commit"] = new JsonObject
            {
                ["id"] = run.HeadSha,
                ["tree_id"] = Sha("tree" + run.HeadSha),
                ["message"] = commit?.Message ?? run.DisplayTitle,
                ["timestamp"] = Iso(commit?.At ?? run.CreatedAt),
                ["author"] = new JsonObject { ["name"] = commit?.AuthorName ?? run.Actor, ["email"] = $"{commit?.Author ?? run.Actor}@users.noreply.github.com" },
                ["committer"] = new JsonObject { ["name"] = "GitHub", ["email"] = "noreply@github.com" },
            },
        };
    }

    private static JsonNode ReleaseJson(Repo repo, Release r) => new JsonObject
    {
        ["url"] = $"{Api}/repos/{repo.Name}/releases/{r.Id}",
        ["html_url"] = $"{Web}/{repo.Name}/releases/tag/{r.Tag}",
        ["assets_url"] = $"{Api}/repos/{repo.Name}/releases/{r.Id}/assets",
        ["upload_url"] = $"https://uploads.github.com/repos/{repo.Name}/releases/{r.Id}/assets{{?name,label}}",
        ["tarball_url"] = $"{Api}/repos/{repo.Name}/tarball/{r.Tag}",
        ["zipball_url"] = $"{Api}/repos/{repo.Name}/zipball/{r.Tag}",
        ["id"] = r.Id,
        ["node_id"] = "RE_kwDO" + r.Id.ToString(CultureInfo.InvariantCulture),
        ["tag_name"] = r.Tag,
        ["target_commitish"] = "main",
        ["name"] = r.Tag,
        ["body"] = r.Body,
        ["draft"] = false,
        ["prerelease"] = false,
        ["created_at"] = Iso(r.PublishedAt.AddMinutes(-2)),
        ["published_at"] = Iso(r.PublishedAt),
        ["author"] = User(r.Author),
        ["assets"] = new JsonArray(),
    };

    private static JsonNode CommitJson(Repo repo, Commit c, bool withFiles)
    {
        var index = repo.Commits.IndexOf(c);
        var json = new JsonObject
        {
            ["sha"] = c.Sha,
            ["node_id"] = "C_kwDO" + c.Sha[..12],
            ["commit"] = new JsonObject
            {
                ["author"] = new JsonObject { ["name"] = c.AuthorName, ["email"] = $"{c.Author}@users.noreply.github.com", ["date"] = Iso(c.At) },
                ["committer"] = new JsonObject { ["name"] = "GitHub", ["email"] = "noreply@github.com", ["date"] = Iso(c.At) },
                ["message"] = c.Message,
                ["tree"] = new JsonObject { ["sha"] = Sha("tree" + c.Sha), ["url"] = $"{Api}/repos/{repo.Name}/git/trees/{Sha("tree" + c.Sha)}" },
                ["url"] = $"{Api}/repos/{repo.Name}/git/commits/{c.Sha}",
                ["comment_count"] = 0,
            },
            ["url"] = $"{Api}/repos/{repo.Name}/commits/{c.Sha}",
            ["html_url"] = $"{Web}/{repo.Name}/commit/{c.Sha}",
            ["comments_url"] = $"{Api}/repos/{repo.Name}/commits/{c.Sha}/comments",
            ["author"] = User(c.Author),
            ["committer"] = User("web-flow"),
            ["parents"] = index > 0
                ? new JsonArray(new JsonObject { ["sha"] = repo.Commits[index - 1].Sha, ["url"] = $"{Api}/repos/{repo.Name}/commits/{repo.Commits[index - 1].Sha}" })
                : new JsonArray(),
        };
        if (withFiles)
        {
            // GET /repos/{owner}/{repo}/commits/{ref}: the commit's stats and files with their line counts.
            var lines = c.Files.Select(f => (File: f, Added: LinesOf(c, f, 40) + 1, Deleted: LinesOf(c, f + "-", 12))).ToList();
            json["stats"] = new JsonObject
            {
                ["total"] = lines.Sum(l => l.Added + l.Deleted),
                ["additions"] = lines.Sum(l => l.Added),
                ["deletions"] = lines.Sum(l => l.Deleted),
            };
            json["files"] = new JsonArray([.. lines.Select(l => (JsonNode)new JsonObject
            {
                ["sha"] = Sha(l.File + c.Sha),
                ["filename"] = l.File,
                ["status"] = "modified",
                ["additions"] = l.Added,
                ["deletions"] = l.Deleted,
                ["changes"] = l.Added + l.Deleted,
                ["blob_url"] = $"{Web}/{repo.Name}/blob/{c.Sha}/{l.File}",
                ["raw_url"] = $"{Web}/{repo.Name}/raw/{c.Sha}/{l.File}",
                ["contents_url"] = $"{Api}/repos/{repo.Name}/contents/{l.File}?ref={c.Sha}",
            })]);
        }
        return json;
    }

    /// <summary>A stable line count below <paramref name="most"/> for one file of one commit (the files say which files, not how much).</summary>
    private static int LinesOf(Commit c, string file, int most) => Convert.ToInt32(Sha(c.Sha + file)[..4], 16) % most;

    /// <summary>A stable, realistic-looking 40-hex sha for a seed.</summary>
    private static string Sha(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..40];

    private static string WorkflowFile(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>A stable workflow id for a workflow file, as GitHub numbers each workflow of a repository.</summary>
    private static long WorkflowId(string path) => 61_000_000 + (Convert.ToInt64(Sha(path)[..6], 16) % 1_000_000);

    private static JsonObject User(string login) => new()
    {
        ["login"] = login,
        ["id"] = Math.Abs(login.GetHashCode(StringComparison.Ordinal) % 9_000_000) + 1_000_000,
        ["node_id"] = "U_kgDO" + login.Length.ToString(CultureInfo.InvariantCulture),
        ["avatar_url"] = $"https://avatars.githubusercontent.com/u/{login.Length}?v=4",
        ["url"] = $"{Api}/users/{login}",
        ["html_url"] = $"{Web}/{login}",
        ["type"] = login.EndsWith("[bot]", StringComparison.Ordinal) ? "Bot" : "User",
        ["site_admin"] = false,
    };

    private static IResult Json(JsonNode body) => Results.Text(body.ToJsonString(), "application/json; charset=utf-8");

    private static IResult NotFound() => Message(404, "Not Found");

    private static IResult Message(int status, string message) => Results.Text(new JsonObject
    {
        ["message"] = message,
        ["documentation_url"] = "https://docs.github.com/rest",
        ["status"] = status.ToString(CultureInfo.InvariantCulture),
    }.ToJsonString(), "application/json; charset=utf-8", statusCode: status);

    private static DateTimeOffset? ParseTime(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private void Seed(Scenario scenario)
    {
        Repo Of(string name)
        {
            if (!_repos.TryGetValue(name, out var repo))
                _repos[name] = repo = new Repo(name);
            return repo;
        }

        foreach (var commit in scenario.Commits.OrderBy(c => c.At))
            Of(commit.Repository).Commits.Add(commit);
        foreach (var run in scenario.WorkflowRuns)
            Of(run.Repository).Runs.Add(run);
        foreach (var release in scenario.Releases)
        {
            Of(release.Repository).Releases.Add(release);
            Of(release.Repository).Tags[release.Tag] = release.Sha;
        }

        foreach (var group in scenario.Deployments.GroupBy(d => d.Repository, StringComparer.OrdinalIgnoreCase))
        {
            var repo = Of(group.Key);
            foreach (var d in group.OrderBy(d => d.CreatedAt))
            {
                repo.Tags.TryAdd(d.Ref, d.Sha);
                repo.Deployments.Add(new Deployment(d.Id, d.Sha, d.Ref, d.Environment, d.Creator, d.CreatedAt, d.Description, d.Namespace, d.Workload));
            }

            // The statuses GitHub would hold: in progress, then the outcome two minutes later; a success becomes
            // inactive when the next successful deployment to the same environment completes.
            foreach (var d in repo.Deployments)
            {
                var state = group.First(x => x.Id == d.Id).State;
                d.Statuses.Add(("in_progress", d.CreatedAt));
                if (state is "in_progress" or "queued" or "pending")
                    continue;
                d.Statuses.Add((state == "inactive" ? "success" : state, d.CreatedAt.AddMinutes(2)));
                if (state == "inactive")
                {
                    var next = repo.Deployments.FirstOrDefault(n => n.Environment == d.Environment && n.CreatedAt > d.CreatedAt
                        && group.First(x => x.Id == n.Id).State is "success" or "inactive");
                    d.Statuses.Add(("inactive", (next?.CreatedAt ?? d.CreatedAt).AddMinutes(2)));
                }
            }
        }
    }

    /// <summary>One repository's history: commits oldest first (each the parent of the next), tags, runs, deployments, releases.</summary>
    private sealed class Repo(string name)
    {
        public string Name { get; } = name;

        public List<Commit> Commits { get; } = [];

        public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

        public List<WorkflowRun> Runs { get; } = [];

        public List<Deployment> Deployments { get; } = [];

        public List<Release> Releases { get; } = [];

        /// <summary>The index in history of a tag, branch, full or short sha, or <c>ref^</c> (its parent); -1 when unknown.</summary>
        public int Resolve(string reference)
        {
            if (reference.EndsWith('^'))
            {
                var child = Resolve(reference[..^1]);
                return child > 0 ? child - 1 : -1;
            }

            if (reference is "main" or "HEAD")
                return Commits.Count - 1;
            if (Tags.TryGetValue(reference, out var tagged))
                reference = tagged;
            return reference.Length >= 7 ? Commits.FindIndex(c => c.Sha.StartsWith(reference, StringComparison.Ordinal)) : -1;
        }
    }

    private sealed record Deployment(long Id, string Sha, string Ref, string Environment, string Creator, DateTimeOffset CreatedAt, string Description, string? Namespace, string? Workload)
    {
        public List<(string State, DateTimeOffset At)> Statuses { get; } = [];
    }
}
