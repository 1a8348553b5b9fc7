using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SreSuite.IncidentFixtures;

/// <summary>
/// The GitHub REST API for <c>acme/payments-api</c> in memory, in GitHub's shapes: deployments and their statuses,
/// deploy-workflow runs (120+, for budget tests), releases, commits and compares, paged with <c>per_page</c>/<c>page</c>
/// and <c>Link</c> headers, with <c>X-RateLimit-*</c> headers on every answer.
/// </summary>
public sealed class GitHubFixture
{
    public const string Prefix = "/github";
    public const string DeployWorkflow = "deploy.yml";
    private const long WorkflowId = 61234001;
    private const string Web = "https://github.com";
    private const string Api = "https://api.github.com";

    private readonly DemoStory _story;
    private readonly List<Commit> _commits = [];
    private readonly Dictionary<string, string> _tags = new(StringComparer.Ordinal);
    private readonly List<Run> _runs = [];
    private readonly List<Deployment> _deployments = [];
    private readonly List<Release> _releases = [];
    private int _remaining = 5000;

    public GitHubFixture(DemoStory story, string? token = null)
    {
        _story = story;
        Token = token ?? "ghp_fixture" + Guid.NewGuid().ToString("N")[..20];
        Seed();
    }

    public string Token { get; }

    public FixtureFault Fault { get; set; }

    public int DeployRunCount => _runs.Count;

    private long ResetEpoch => _story.Now.AddHours(1).ToUnixTimeSeconds();

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
            $"{context.HttpContext.GetRouteValue("owner")}/{context.HttpContext.GetRouteValue("name")}" == DemoStory.Repository
                ? await next(context)
                : NotFound());
        repo.MapGet("/deployments", (HttpRequest request) =>
        {
            var environment = request.Query["environment"].ToString();
            var sha = request.Query["sha"].ToString();
            var @ref = request.Query["ref"].ToString();
            var items = _deployments
                .Where(d => (environment.Length == 0 || d.Environment == environment) && (sha.Length == 0 || d.Sha == sha) && (@ref.Length == 0 || d.Ref == @ref))
                .OrderByDescending(d => d.At)
                .Select(DeploymentJson)
                .ToList();
            return Paged(request, items, 30);
        });
        repo.MapGet("/deployments/{id:long}/statuses", (long id, HttpRequest request) =>
        {
            var deployment = _deployments.FirstOrDefault(d => d.Id == id);
            return deployment is null ? NotFound() : Paged(request, [.. deployment.Statuses.OrderByDescending(s => s.At).Select((s, i) => StatusJson(deployment, s, i))], 30);
        });
        repo.MapGet("/actions/workflows/{workflow}/runs", (string workflow, HttpRequest request) =>
            workflow is DeployWorkflow or "61234001" ? Runs(request) : NotFound());
        repo.MapGet("/actions/runs", (HttpRequest request) => Runs(request));
        repo.MapGet("/releases", (HttpRequest request) => Paged(request, [.. _releases.OrderByDescending(r => r.At).Select(ReleaseJson)], 30));
        repo.MapGet("/commits", (HttpRequest request) => Commits(request));
        repo.MapGet("/commits/{reference}", (string reference) => Resolve(Uri.UnescapeDataString(reference)) is var index and >= 0
            ? Json(CommitJson(_commits[index], true))
            : Message(422, $"No commit found for SHA: {reference}"));
        repo.MapGet("/compare/{**basehead}", (string basehead, HttpRequest request) => Compare(basehead, request));
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

    private IResult Runs(HttpRequest request)
    {
        var (from, to) = CreatedRange(request.Query["created"].ToString());
        var branch = request.Query["branch"].ToString();
        var @event = request.Query["event"].ToString();
        var matching = _runs
            .Where(r => r.At >= from && r.At <= to && (branch.Length == 0 || r.Branch == branch) && (@event.Length == 0 || r.Event == @event))
            .OrderByDescending(r => r.At)
            .Select(RunJson)
            .ToList();
        var (page, links) = Page(request, matching, 30);
        request.HttpContext.Response.Headers.Link = links;
        return Json(new JsonObject { ["total_count"] = matching.Count, ["workflow_runs"] = new JsonArray([.. page]) });
    }

    private IResult Commits(HttpRequest request)
    {
        var head = request.Query["sha"].ToString();
        var headIndex = head.Length == 0 ? _commits.Count - 1 : Resolve(head);
        if (headIndex < 0)
            return Message(404, $"No commit found for SHA: {head}");
        var since = ParseTime(request.Query["since"]) ?? DateTimeOffset.MinValue;
        var until = ParseTime(request.Query["until"]) ?? DateTimeOffset.MaxValue;
        var items = _commits.Take(headIndex + 1).Where(c => c.At >= since && c.At <= until).Reverse().Select(c => CommitJson(c, false)).ToList();
        return Paged(request, items, 30);
    }

    private IResult Compare(string basehead, HttpRequest request)
    {
        var parts = basehead.Split("...", 2);
        if (parts.Length != 2)
            return Message(404, "Not Found");
        var baseIndex = Resolve(Uri.UnescapeDataString(parts[0]));
        var headIndex = Resolve(Uri.UnescapeDataString(parts[1]));
        if (baseIndex < 0 || headIndex < 0)
            return Message(404, $"No common ancestor between {parts[0]} and {parts[1]}.");
        var ahead = Math.Max(0, headIndex - baseIndex);
        var behind = Math.Max(0, baseIndex - headIndex);
        var range = _commits.Skip(baseIndex + 1).Take(ahead).ToList();
        var perPage = int.TryParse(request.Query["per_page"], out var p) ? Math.Clamp(p, 1, 250) : 250;
        var files = range.SelectMany(c => c.Files).Distinct(StringComparer.Ordinal).Take(300).ToList();
        return Json(new JsonObject
        {
            ["url"] = $"{Api}/repos/{DemoStory.Repository}/compare/{basehead}",
            ["html_url"] = $"{Web}/{DemoStory.Repository}/compare/{basehead}",
            ["permalink_url"] = $"{Web}/{DemoStory.Repository}/compare/acme:{_commits[baseIndex].Sha[..7]}...acme:{_commits[headIndex].Sha[..7]}",
            ["diff_url"] = $"{Web}/{DemoStory.Repository}/compare/{basehead}.diff",
            ["patch_url"] = $"{Web}/{DemoStory.Repository}/compare/{basehead}.patch",
            ["base_commit"] = CommitJson(_commits[baseIndex], false),
            ["merge_base_commit"] = CommitJson(_commits[Math.Min(baseIndex, headIndex)], false),
            ["status"] = ahead > 0 ? "ahead" : behind > 0 ? "behind" : "identical",
            ["ahead_by"] = ahead,
            ["behind_by"] = behind,
            ["total_commits"] = ahead,
            ["commits"] = new JsonArray([.. range.Take(perPage).Select(c => CommitJson(c, false))]),
            ["files"] = new JsonArray([.. files.Select(f => (JsonNode)new JsonObject
            {
                ["sha"] = DemoStory.Sha(f + basehead),
                ["filename"] = f,
                ["status"] = "modified",
                ["additions"] = (f.Length % 17) + 2,
                ["deletions"] = f.Length % 5,
                ["changes"] = (f.Length % 17) + 2 + (f.Length % 5),
                ["blob_url"] = $"{Web}/{DemoStory.Repository}/blob/{_commits[headIndex].Sha}/{f}",
                ["raw_url"] = $"{Web}/{DemoStory.Repository}/raw/{_commits[headIndex].Sha}/{f}",
                ["contents_url"] = $"{Api}/repos/{DemoStory.Repository}/contents/{f}?ref={_commits[headIndex].Sha}",
            })]),
        });
    }

    /// <summary>The index in history of a tag, branch, full or short sha, or <c>ref^</c> (its parent); -1 when unknown.</summary>
    private int Resolve(string reference)
    {
        if (reference.EndsWith('^'))
        {
            var child = Resolve(reference[..^1]);
            return child > 0 ? child - 1 : -1;
        }

        if (reference is "main" or "HEAD")
            return _commits.Count - 1;
        if (_tags.TryGetValue(reference, out var tagged))
            reference = tagged;
        return reference.Length >= 7 ? _commits.FindIndex(c => c.Sha.StartsWith(reference, StringComparison.Ordinal)) : -1;
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

    private JsonNode DeploymentJson(Deployment d) => new JsonObject
    {
        ["url"] = $"{Api}/repos/{DemoStory.Repository}/deployments/{d.Id}",
        ["id"] = d.Id,
        ["node_id"] = "DE_kwDO" + Convert.ToBase64String(Encoding.ASCII.GetBytes(d.Id.ToString(CultureInfo.InvariantCulture))),
        ["sha"] = d.Sha,
        ["ref"] = d.Ref,
        ["task"] = "deploy",
        ["payload"] = new JsonObject(),
        ["original_environment"] = d.Environment,
        ["environment"] = d.Environment,
        ["description"] = d.Description,
        ["creator"] = User(d.Creator),
        ["created_at"] = Iso(d.At),
        ["updated_at"] = Iso(d.Statuses.Max(s => s.At)),
        ["statuses_url"] = $"{Api}/repos/{DemoStory.Repository}/deployments/{d.Id}/statuses",
        ["repository_url"] = $"{Api}/repos/{DemoStory.Repository}",
        ["transient_environment"] = false,
        ["production_environment"] = d.Environment == "production",
    };

    private static JsonNode StatusJson(Deployment d, (string State, DateTimeOffset At) status, int index) => new JsonObject
    {
        ["url"] = $"{Api}/repos/{DemoStory.Repository}/deployments/{d.Id}/statuses/{d.Id * 10 + index}",
        ["id"] = d.Id * 10 + index,
        ["node_id"] = "DES_kwDO" + d.Id.ToString(CultureInfo.InvariantCulture),
        ["state"] = status.State,
        ["creator"] = User("github-actions[bot]"),
        ["description"] = status.State switch { "success" => "Rollout complete", "in_progress" => "Rolling out", "inactive" => "Superseded", _ => status.State },
        ["environment"] = d.Environment,
        ["target_url"] = $"{Web}/{DemoStory.Repository}/actions",
        ["log_url"] = $"{Web}/{DemoStory.Repository}/actions",
        ["environment_url"] = d.Environment == "production" ? "https://payments.example.com" : "https://payments.staging.example.com",
        ["created_at"] = Iso(status.At),
        ["updated_at"] = Iso(status.At),
        ["deployment_url"] = $"{Api}/repos/{DemoStory.Repository}/deployments/{d.Id}",
        ["repository_url"] = $"{Api}/repos/{DemoStory.Repository}",
    };

    private JsonNode RunJson(Run run) => new JsonObject
    {
        ["id"] = run.Id,
        ["name"] = "Deploy",
        ["node_id"] = "WFR_kwLO" + run.Id.ToString(CultureInfo.InvariantCulture),
        ["head_branch"] = run.Branch,
        ["head_sha"] = run.Commit.Sha,
        ["path"] = $".github/workflows/{DeployWorkflow}",
        ["display_title"] = run.Title,
        ["run_number"] = run.Number,
        ["event"] = run.Event,
        ["status"] = run.At.AddMinutes(6) <= _story.Now ? "completed" : "in_progress",
        ["conclusion"] = run.At.AddMinutes(6) <= _story.Now ? run.Conclusion : null,
        ["workflow_id"] = WorkflowId,
        ["check_suite_id"] = run.Id + 7,
        ["check_suite_node_id"] = "CS_kwDO" + run.Id.ToString(CultureInfo.InvariantCulture),
        ["url"] = $"{Api}/repos/{DemoStory.Repository}/actions/runs/{run.Id}",
        ["html_url"] = $"{Web}/{DemoStory.Repository}/actions/runs/{run.Id}",
        ["pull_requests"] = new JsonArray(),
        ["created_at"] = Iso(run.At),
        ["updated_at"] = Iso(run.At.AddMinutes(6)),
        ["actor"] = User(run.Actor),
        ["run_attempt"] = 1,
        ["run_started_at"] = Iso(run.At),
        ["triggering_actor"] = User(run.Actor),
        ["jobs_url"] = $"{Api}/repos/{DemoStory.Repository}/actions/runs/{run.Id}/jobs",
        ["logs_url"] = $"{Api}/repos/{DemoStory.Repository}/actions/runs/{run.Id}/logs",
        ["workflow_url"] = $"{Api}/repos/{DemoStory.Repository}/actions/workflows/{WorkflowId}",
        ["head_commit"] = new JsonObject
        {
            ["id"] = run.Commit.Sha,
            ["tree_id"] = DemoStory.Sha("tree" + run.Commit.Sha),
            ["message"] = run.Commit.Message,
            ["timestamp"] = Iso(run.Commit.At),
            ["author"] = new JsonObject { ["name"] = run.Commit.AuthorName, ["email"] = $"{run.Commit.Author}@users.noreply.github.com" },
            ["committer"] = new JsonObject { ["name"] = "GitHub", ["email"] = "noreply@github.com" },
        },
    };

    private static JsonNode ReleaseJson(Release r) => new JsonObject
    {
        ["url"] = $"{Api}/repos/{DemoStory.Repository}/releases/{r.Id}",
        ["html_url"] = $"{Web}/{DemoStory.Repository}/releases/tag/{r.Tag}",
        ["assets_url"] = $"{Api}/repos/{DemoStory.Repository}/releases/{r.Id}/assets",
        ["upload_url"] = $"https://uploads.github.com/repos/{DemoStory.Repository}/releases/{r.Id}/assets{{?name,label}}",
        ["tarball_url"] = $"{Api}/repos/{DemoStory.Repository}/tarball/{r.Tag}",
        ["zipball_url"] = $"{Api}/repos/{DemoStory.Repository}/zipball/{r.Tag}",
        ["id"] = r.Id,
        ["node_id"] = "RE_kwDO" + r.Id.ToString(CultureInfo.InvariantCulture),
        ["tag_name"] = r.Tag,
        ["target_commitish"] = "main",
        ["name"] = r.Tag,
        ["body"] = r.Body,
        ["draft"] = false,
        ["prerelease"] = false,
        ["created_at"] = Iso(r.At.AddMinutes(-2)),
        ["published_at"] = Iso(r.At),
        ["author"] = User(r.Author),
        ["assets"] = new JsonArray(),
    };

    private JsonNode CommitJson(Commit c, bool withFiles)
    {
        var index = _commits.IndexOf(c);
        var json = new JsonObject
        {
            ["sha"] = c.Sha,
            ["node_id"] = "C_kwDO" + c.Sha[..12],
            ["commit"] = new JsonObject
            {
                ["author"] = new JsonObject { ["name"] = c.AuthorName, ["email"] = $"{c.Author}@users.noreply.github.com", ["date"] = Iso(c.At) },
                ["committer"] = new JsonObject { ["name"] = "GitHub", ["email"] = "noreply@github.com", ["date"] = Iso(c.At) },
                ["message"] = c.Message,
                ["tree"] = new JsonObject { ["sha"] = DemoStory.Sha("tree" + c.Sha), ["url"] = $"{Api}/repos/{DemoStory.Repository}/git/trees/{DemoStory.Sha("tree" + c.Sha)}" },
                ["url"] = $"{Api}/repos/{DemoStory.Repository}/git/commits/{c.Sha}",
                ["comment_count"] = 0,
            },
            ["url"] = $"{Api}/repos/{DemoStory.Repository}/commits/{c.Sha}",
            ["html_url"] = $"{Web}/{DemoStory.Repository}/commit/{c.Sha}",
            ["comments_url"] = $"{Api}/repos/{DemoStory.Repository}/commits/{c.Sha}/comments",
            ["author"] = User(c.Author),
            ["committer"] = User("web-flow"),
            ["parents"] = index > 0
                ? new JsonArray(new JsonObject { ["sha"] = _commits[index - 1].Sha, ["url"] = $"{Api}/repos/{DemoStory.Repository}/commits/{_commits[index - 1].Sha}" })
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
                ["sha"] = DemoStory.Sha(l.File + c.Sha),
                ["filename"] = l.File,
                ["status"] = "modified",
                ["additions"] = l.Added,
                ["deletions"] = l.Deleted,
                ["changes"] = l.Added + l.Deleted,
                ["blob_url"] = $"{Web}/{DemoStory.Repository}/blob/{c.Sha}/{l.File}",
                ["raw_url"] = $"{Web}/{DemoStory.Repository}/raw/{c.Sha}/{l.File}",
                ["contents_url"] = $"{Api}/repos/{DemoStory.Repository}/contents/{l.File}?ref={c.Sha}",
            })]);
        }
        return json;
    }

    /// <summary>A stable line count below <paramref name="most"/> for one file of one commit.</summary>
    private static int LinesOf(Commit c, string file, int most) => Convert.ToInt32(DemoStory.Sha(c.Sha + file)[..4], 16) % most;

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

    private void Seed()
    {
        var s = _story;
        (string Login, string Name)[] authors = [("ravi-k", "Ravi Kumar"), ("mei-lin", "Mei Lin"), (DemoStory.DeployAuthor, DemoStory.DeployAuthorName), ("sam-ops", "Sam Okafor")];
        string[] subjects =
        [
            "Tighten validation of capture amounts", "Add metric for refund queue depth", "Retry processor timeouts once with jitter",
            "Update OpenAPI description of /captures", "Remove unused card BIN lookup", "Log correlation id on processor errors",
            "Raise HPA target CPU to 70%", "Split capture handler into smaller services", "Document refund states",
            "Fix flaky settlement test", "Use TimeProvider in settlement job", "Reduce log noise from health checks",
        ];
        var pr = 440;
        var start = s.Now.AddDays(-10);
        for (var i = 0; i < 30; i++)
        {
            var (login, name) = authors[i % authors.Length];
            var title = i % 7 == 3 ? $"Bump Polly from 8.{i % 5}.0 to 8.{(i % 5) + 1}.0 (#{pr})" : $"{subjects[i % subjects.Length]} (#{pr})";
            var author = i % 7 == 3 ? ("dependabot[bot]", "dependabot[bot]") : (login, name);
            AddCommit(title, author.Item1, author.Item2, start.AddHours(i * 6.5), [$"src/Payments.Api/{subjects[i % subjects.Length].Split(' ')[1]}.cs", "tests/Payments.Api.Tests/CaptureTests.cs"]);
            pr++;
            if (i == 4)
                Tag("v2.13.0");
            if (i == 15)
                Tag("v2.13.1");
        }

        AddCommit("Fix rounding of partial captures (#474)", "ravi-k", "Ravi Kumar", s.PreviousDeployAt.AddMinutes(-40), ["src/Payments.Api/Captures/CaptureAmount.cs"], DemoStory.PreviousSha);
        Tag(DemoStory.PreviousVersion);
        AddCommit("Log processor latency histogram buckets (#476)", "mei-lin", "Mei Lin", s.Now.AddDays(-1).AddHours(-20), ["src/Payments.Api/Processor/ProcessorMetrics.cs"]);
        AddCommit("Add idempotency key to capture retries (#477)", "ravi-k", "Ravi Kumar", s.Now.AddDays(-1).AddHours(-6), ["src/Payments.Api/Captures/CaptureHandler.cs", "tests/Payments.Api.Tests/CaptureTests.cs"]);
        AddCommit("Bump Npgsql from 8.0.3 to 8.0.4 (#479)", "dependabot[bot]", "dependabot[bot]", s.Now.AddDays(-1), ["src/Payments.Api/Payments.Api.csproj"]);
        AddCommit("Cache NuGet packages in CI (#480)", "sam-ops", "Sam Okafor", s.Now.AddHours(-20), [".github/workflows/ci.yml"]);
        AddCommit("Move processor settings under Payments:Processor (#481)", DemoStory.DeployAuthor, DemoStory.DeployAuthorName, s.Now.AddHours(-5),
            ["src/Payments.Api/Processor/ProcessorOptions.cs", "config/appsettings.json", "deploy/helm/payments-api/values.yaml"]);
        AddCommit($"{DemoStory.DeployPullRequestTitle} (#{DemoStory.DeployPullRequest})\n\nThe processor URL now comes from Payments:Processor:Url; PAYMENTS_PROCESSOR_URL is required at start.",
            DemoStory.DeployAuthor, DemoStory.DeployAuthorName, s.DeployAt.AddMinutes(-35),
            ["src/Payments.Api/Program.cs", "src/Payments.Api/Processor/ProcessorOptions.cs", "config/appsettings.Production.json"], DemoStory.DeploySha);
        Tag(DemoStory.DeployVersion);

        // Every merge to main deploys to staging; tags deploy to production; pull requests deploy previews.
        var runId = 9_100_000_000L;
        foreach (var commit in _commits)
            _runs.Add(new Run(runId++, commit, "main", "push", commit.Author, $"Deploy {commit.Sha[..7]} to staging", commit.At.AddMinutes(3), commit.Message.Contains("flaky", StringComparison.Ordinal) ? "failure" : "success"));
        foreach (var (tag, sha) in _tags)
        {
            var commit = _commits.First(c => c.Sha == sha);
            var at = tag == DemoStory.DeployVersion ? s.DeployAt.AddMinutes(-4) : tag == DemoStory.PreviousVersion ? s.PreviousDeployAt.AddMinutes(-4) : commit.At.AddHours(2);
            var actor = tag == DemoStory.DeployVersion ? DemoStory.DeployAuthor : "ravi-k";
            _runs.Add(new Run(runId++, commit, tag, "workflow_dispatch", actor, $"Deploy {tag} to production", at, "success"));
            _releases.Add(new Release(runId, tag, actor, at.AddMinutes(-16), $"## What's changed\n* {commit.Message.Split('\n')[0]} by @{commit.Author}\n\n**Full changelog**: https://github.com/{DemoStory.Repository}/compare/{tag}"));
        }

        foreach (var commit in _commits.Where(c => !c.Author.EndsWith("[bot]", StringComparison.Ordinal)))
        {
            var number = GitHubPullRequest(commit.Message);
            for (var push = 0; push < 2 + (number % 2); push++)
                _runs.Add(new Run(runId++, commit, $"pr-{number}", "pull_request", commit.Author, $"Deploy PR #{number} to preview", commit.At.AddHours(-6 + (push * 1.5)), "success"));
        }

        var numbered = _runs.OrderBy(r => r.At).Select((r, i) => r with { Number = 1400 + i }).ToList();
        _runs.Clear();
        _runs.AddRange(numbered.Where(r => r.At <= s.Now));

        var deploymentId = 2_310_000_000L;
        Deployment? previousProduction = null;
        Deployment? previousStaging = null;
        foreach (var run in _runs.Where(r => r.Event is "push" or "workflow_dispatch").OrderBy(r => r.At))
        {
            var environment = run.Event == "push" ? "staging" : "production";
            var at = run.Title.Contains(DemoStory.DeployVersion, StringComparison.Ordinal) ? s.DeployAt
                : run.Title.Contains(DemoStory.PreviousVersion, StringComparison.Ordinal) ? s.PreviousDeployAt
                : run.At.AddMinutes(2);
            var deployment = new Deployment(deploymentId++, run.Commit.Sha, run.Branch == "main" ? "main" : run.Branch, environment, run.Actor, at, $"Deploy {run.Branch} to {environment}");
            deployment.Statuses.Add(("in_progress", at));
            deployment.Statuses.Add((run.Conclusion == "success" ? "success" : "failure", at.AddMinutes(2)));
            ref var previous = ref environment == "production" ? ref previousProduction : ref previousStaging;
            if (run.Conclusion == "success")
            {
                previous?.Statuses.Add(("inactive", at.AddMinutes(2)));
                previous = deployment;
            }

            _deployments.Add(deployment);
        }
    }

    private static int GitHubPullRequest(string message)
    {
        var start = message.IndexOf("(#", StringComparison.Ordinal) + 2;
        var end = message.IndexOf(')', start);
        return int.Parse(message[start..end], CultureInfo.InvariantCulture);
    }

    private void AddCommit(string message, string author, string authorName, DateTimeOffset at, string[] files, string? sha = null) =>
        _commits.Add(new Commit(sha ?? DemoStory.Sha($"{DemoStory.Repository}:{message}"), message, author, authorName, at, files));

    private void Tag(string tag) => _tags[tag] = _commits[^1].Sha;

    private sealed record Commit(string Sha, string Message, string Author, string AuthorName, DateTimeOffset At, string[] Files);

    private sealed record Run(long Id, Commit Commit, string Branch, string Event, string Actor, string Title, DateTimeOffset At, string Conclusion, int Number = 0);

    private sealed record Deployment(long Id, string Sha, string Ref, string Environment, string Creator, DateTimeOffset At, string Description)
    {
        public List<(string State, DateTimeOffset At)> Statuses { get; } = [];
    }

    private sealed record Release(long Id, string Tag, string Author, DateTimeOffset At, string Body);
}
