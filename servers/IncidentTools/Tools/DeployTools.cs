using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SreSuite.IncidentTools.Answers;
using SreSuite.IncidentTools.Catalog;
using SreSuite.IncidentTools.Deploys;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Mcp;

namespace SreSuite.IncidentTools.Tools;

[McpServerToolType]
public sealed class DeployTools(GitHubDeploys github, ServiceResolver services, AnswerBudgets budgets, TimeProvider time)
{
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);

    [McpServerTool(Name = "deploys_recent", Title = "Deploys: List recent", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("List GitHub deployments, deploy runs and releases, newest first (window up to 31 days).")]
    [StructuredOutput("repository", "deploys")]
    public async Task<CallToolResult> RecentAsync(
        [Description("Catalog service or GitHub owner/name.")][RegularExpression(ServiceResolver.ServiceOrRepoPattern)] string service,
        [Description("ISO-8601 or age like 6h (default 24h).")][StringLength(40)] string? since = null,
        [Description("Environment.")][RegularExpression(ServiceResolver.NamePattern)] string? environment = null,
        CancellationToken cancellationToken = default)
    {
        var repository = services.Repository(service);
        var now = time.GetUtcNow();
        var from = Times.Parse("since", since, now) ?? now.AddHours(-24);
        if (now - from > MaxWindow)
            throw new ToolInputException("since", "the window is longer than 31 days; pass a later since.");

        var history = await github.RecentAsync(repository, environment, from, now, cancellationToken);
        var (answer, data) = budgets.StartStructured("deploys_recent");
        var counts = history.Events.GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => g.Count());
        answer.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{repository}{(environment is null ? string.Empty : $" ({environment})")} since {Ages.Timestamp(from)}: {counts.GetValueOrDefault(DeployKind.Deployment)} deployments, {counts.GetValueOrDefault(DeployKind.WorkflowRun)} deploy-workflow runs, {counts.GetValueOrDefault(DeployKind.Release)} releases; newest first"));
        var latest = history.Events.FirstOrDefault(e => e.Kind == DeployKind.Deployment);
        if (latest is not null)
            answer.AppendLine(UntrustedText.Line($"latest deployment: {latest.Environment} {latest.Version} {Short(latest.Sha)} by {latest.Author} {Ages.Ago(latest.At, now)}: {latest.Status}"));
        var shown = answer.AppendUntrustedRows($"GitHub {repository}", [.. history.Events.Select(Row)], "deploys", "pass environment or a later since");
        data.Set("repository", repository).AddRows("deploys", history.Events, shown, DeployJson);
        foreach (var note in history.Notes)
            answer.Note(UntrustedText.Line(note));
        return data.Result(answer.ToString());
    }

    // Run titles and release names are outside text: they stay fenced in the text answer.
    internal static JsonObject DeployJson(DeployEvent deploy) => StructuredAnswer.Row(
        ("at", StructuredAnswer.Time(deploy.At)), ("kind", KindName(deploy.Kind)), ("environment", deploy.Environment),
        ("version", deploy.Version), ("sha", deploy.Sha), ("author", deploy.Author), ("status", deploy.Status), ("url", deploy.Url));

    private static string KindName(DeployKind kind) => kind switch
    {
        DeployKind.Deployment => "deployment",
        DeployKind.WorkflowRun => "workflow_run",
        DeployKind.Release => "release",
        _ => kind.ToString(),
    };

    [McpServerTool(Name = "changes_between", Title = "Deploys: List changes between", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("List commits between refs (base, head) or times (since, until): sha, author, title, PR, files changed per commit (most-changed first).")]
    public async Task<string> ChangesAsync(
        [Description("Catalog service or GitHub owner/name.")][RegularExpression(ServiceResolver.ServiceOrRepoPattern)] string service,
        [Description("Older ref.")][RegularExpression(RefPattern)] string? @base = null,
        [Description("Newer ref.")][RegularExpression(RefPattern)] string? head = null,
        [Description("ISO-8601 or age like 6h.")][StringLength(40)] string? since = null,
        [Description("ISO-8601 (default now).")][StringLength(40)] string? until = null,
        [Description("Most commits.")][Range(1, 250)] int limit = 50,
        CancellationToken cancellationToken = default)
    {
        var repository = services.Repository(service);
        var now = time.GetUtcNow();
        ChangeSet changes;
        if (!string.IsNullOrWhiteSpace(@base) || !string.IsNullOrWhiteSpace(head))
        {
            if (string.IsNullOrWhiteSpace(@base) || string.IsNullOrWhiteSpace(head))
                throw new ToolInputException(string.IsNullOrWhiteSpace(@base) ? "base" : "head", "pass both base and head, or since (and until) instead.");
            changes = await github.CompareAsync(repository, @base, head, cancellationToken);
        }
        else
        {
            var from = Times.Parse("since", since, now)
                ?? throw new ToolInputException("since", "pass base and head refs, or since (and until) for a time window.");
            var to = Times.Parse("until", until, now) ?? now;
            if (to <= from)
                throw new ToolInputException("until", "must be after since.");
            if (to - from > MaxWindow)
                throw new ToolInputException("since", "the window is longer than 31 days; narrow since/until.");
            changes = await github.CommitsAsync(repository, from, to, null, limit, cancellationToken);
        }

        var answer = budgets.Start("changes_between");
        answer.AppendLine(UntrustedText.Line($"{repository} {changes.Description}"));
        answer.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"commits: {changes.TotalCommits} · files changed: {(changes.FilesChanged is { } files ? $"{files}{(changes.FilesCapped ? "+ (GitHub lists at most 300)" : string.Empty)}" : "- (compare refs for a count)")}"));
        var shown = changes.Commits.Take(limit).ToList();
        // Each commit names its most-changed files; when all commits do not fit, fewer files a commit are named
        // (the rest counted) before any commit is left out.
        var rows = CommitRowsWithin(shown, answer.RemainingBytes - 200);
        answer.AppendUntrustedRows($"commit messages of {repository}", rows, "commits", "compare closer refs or narrow the window");
        if (changes.Commits.Count > shown.Count)
            answer.Note(string.Create(CultureInfo.InvariantCulture, $"… {changes.Commits.Count - shown.Count} more commits beyond limit={limit}; pass a larger limit or closer refs"));
        foreach (var note in changes.Notes)
            answer.Note(UntrustedText.Line(note));
        return answer.ToString();
    }

    private static readonly int[] FilesPerCommit = [5, 3, 1, 0];

    public static IReadOnlyList<string> CommitRowsWithin(IReadOnlyList<CommitChange> commits, int bytes)
    {
        IReadOnlyList<string> rows = [];
        foreach (var files in FilesPerCommit)
        {
            rows = [.. commits.Select(c => CommitRow(c, files))];
            if (AnswerBuilder.SizeOf(rows) <= bytes)
                break;
        }

        return rows;
    }

    /// <summary><c>9f3c2e1 2026-… dana-dev PR #482 Title — files: src/A.cs (+31 −4), src/B.cs (+2 −0), 3 more</c>.</summary>
    public static string CommitRow(CommitChange c, int maxFiles)
    {
        var row = $"{Short(c.Sha)} {Ages.Timestamp(c.At)} {c.Author}{(c.PullRequest is { } pr ? $" PR #{pr.ToString(CultureInfo.InvariantCulture)}" : string.Empty)} {c.Title}";
        if (c.Files is not { Count: > 0 } files)
            return row;
        var named = files.Take(maxFiles).Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Path} (+{f.Additions} −{f.Deletions})"));
        var rest = files.Count - Math.Min(maxFiles, files.Count);
        var list = string.Join(", ", named);
        var more = rest == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"{(list.Length == 0 ? string.Empty : ", ")}{rest} {(list.Length == 0 ? "files" : "more")}");
        return $"{row} — files: {list}{more}";
    }

    private const string RefPattern = @"^[\w./^~-]{1,100}$";

    internal static string Row(DeployEvent e)
    {
        var kind = e.Kind switch
        {
            DeployKind.Deployment => "deployment",
            DeployKind.WorkflowRun => "deploy run",
            _ => "release",
        };
        return $"{Ages.Timestamp(e.At)} {kind} {e.Environment ?? "-"} {e.Version ?? "-"} {Short(e.Sha)} by {e.Author ?? "?"}: {e.Status}{(string.IsNullOrWhiteSpace(e.Title) ? string.Empty : $" — {e.Title}")}";
    }

    internal static string Short(string? sha) => sha is null ? "-" : sha.Length > 7 ? sha[..7] : sha;
}
