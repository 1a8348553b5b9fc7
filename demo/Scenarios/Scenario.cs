using System.Text.Json.Nodes;

namespace SreSuite.Scenarios;

/// <summary>A loaded scenario folder (docs/scenarios.md): every source's data, with times already on the run's clock.</summary>
public sealed class Scenario
{
    /// <summary>The fault classes of the scenario library, after ITBench's fault catalog.</summary>
    public static IReadOnlyList<string> FaultClasses { get; } =
    [
        "crash-loop", "oom-kill", "image-pull", "cpu-saturation", "memory-leak", "node-not-ready", "dependency-down",
        "bad-config", "hpa-at-max", "pending-pod", "expired-certificate", "latency-regression", "noisy-neighbour", "other",
    ];

    public required string Folder { get; init; }

    public required string Name { get; init; }

    public required string Description { get; init; }

    public required string FaultClass { get; init; }

    /// <summary>The scenario's own now, and the run's now every time is moved onto.</summary>
    public required ScenarioClock Clock { get; init; }

    public required GroundTruth GroundTruth { get; init; }

    public IReadOnlyList<KubeObject> KubernetesObjects { get; init; } = [];

    public IReadOnlyList<ContainerLog> Logs { get; init; } = [];

    public IReadOnlyList<MetricSeries> Metrics { get; init; } = [];

    /// <summary>HELP text of metric families, by metric name (metrics files' <c>help</c>).</summary>
    public IReadOnlyDictionary<string, string> MetricHelp { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<AlertRule> AlertRules { get; init; } = [];

    /// <summary>The Prometheus rule files (<c>alerts/rules.yaml</c>), full paths, as Prometheus loads them.</summary>
    public IReadOnlyList<string> RuleFiles { get; init; } = [];

    public IReadOnlyList<FiringAlert> Alerts { get; init; } = [];

    public IReadOnlyList<Silence> Silences { get; init; } = [];

    public IReadOnlyList<string> RunbookFiles { get; init; } = [];

    /// <summary>The scenario's <c>runbooks/</c> folder (IncidentTools' <c>Runbooks__Path</c>); it may be empty.</summary>
    public string RunbooksFolder => Path.Combine(Folder, "runbooks");

    /// <summary>
    /// <c>runbook-api/*.md</c>: runbooks that exist only in the internal runbook API (<c>RUNBOOK_API_URL</c>), which the
    /// demo's stand-in serves; empty when the scenario has none.
    /// </summary>
    public IReadOnlyList<ApiRunbook> RunbookApi { get; init; } = [];

    /// <summary><c>catalog.yaml</c>, full path (IncidentTools' <c>Catalog__Path</c>); every scenario has one.</summary>
    public required string CatalogFile { get; init; }

    /// <summary>The catalog's entities: which repository and PagerDuty service each service has.</summary>
    public IReadOnlyList<CatalogEntry> Catalog { get; init; } = [];

    public IReadOnlyList<PagerDutyIncident> Incidents { get; init; } = [];

    public IReadOnlyList<OnCall> OnCalls { get; init; } = [];

    public IReadOnlyList<Deployment> Deployments { get; init; } = [];

    public IReadOnlyList<WorkflowRun> WorkflowRuns { get; init; } = [];

    public IReadOnlyList<Commit> Commits { get; init; } = [];

    public IReadOnlyList<Release> Releases { get; init; } = [];

    public int PodCount => KubernetesObjects.Count(o => o.Kind == "Pod");
}

/// <summary>A Kubernetes object as the API serves it (apiVersion, kind, metadata, spec, status), times shifted.</summary>
public sealed record KubeObject(string ApiVersion, string Kind, string? Namespace, string Name, JsonObject Json, string File);

/// <summary>A container's log: <c>logs/&lt;namespace&gt;/&lt;pod&gt;/&lt;container&gt;[.previous].log</c>, read when asked for.</summary>
public sealed record ContainerLog(string Namespace, string Pod, string Container, bool Previous, string Path);

/// <summary>One series: labels (with <c>__name__</c>) and either samples at offsets or a generator.</summary>
public sealed record MetricSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<(DateTimeOffset At, double Value)> Samples, MetricGenerator? Generator, string File);

/// <summary>
/// A generated series (docs/scenarios.md): <c>constant</c>, <c>linear</c> (from → to between start and end, and on at the
/// same slope while the demo runs), <c>step</c> (from, then to at <see cref="At"/>), <c>sine</c> (between from and to over
/// <see cref="Period"/>). <see cref="Daily"/> scales it by a daily swing busiest at 12:00 UTC. Noise and a counter's running
/// total are the player's (MonitoringFixture), which needs a deterministic per-series seed.
/// </summary>
public sealed record MetricGenerator(string Shape, double From, double To, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset? At, TimeSpan Interval, double Noise, bool Counter)
{
    /// <summary>Relative daily swing: 0.12 is ±12% around the level, busiest at 12:00 UTC.</summary>
    public double Daily { get; init; }

    /// <summary>A sine's period (default one hour).</summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromHours(1);

    /// <summary>True: the value is rounded down to a whole number (a restart count).</summary>
    public bool WholeNumbers { get; init; }

    /// <summary>The level at <paramref name="time"/> (a counter's per-second rate), before noise.</summary>
    public double LevelAt(DateTimeOffset time)
    {
        var level = Shape switch
        {
            "constant" => From,
            // Past its end the line keeps its slope, so a leak keeps leaking while the demo runs.
            "linear" => End > Start ? From + ((To - From) * Math.Max(0, (time - Start) / (End - Start))) : To,
            "sine" => From + ((To - From) * (0.5 + (0.5 * Math.Sin(2 * Math.PI * ((time - Start) / Period))))),
            // A step takes effect after its time: a counter's increment up to `at` is still at the old rate.
            _ => At is { } at && time > at ? To : From,
        };
        if (Daily != 0)
            level *= 1 + (Daily * Math.Sin(2 * Math.PI * ((time.UtcDateTime.TimeOfDay.TotalSeconds / 86400) - 0.25)));
        return WholeNumbers ? Math.Floor(level) : level;
    }
}

/// <summary>A Prometheus alerting rule, as in a rule file.</summary>
public sealed record AlertRule(string Group, string Alert, string Expr, TimeSpan For, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations);

/// <summary>An alert as Prometheus <c>/api/v1/alerts</c> shows it.</summary>
public sealed record FiringAlert(IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations, string State, DateTimeOffset ActiveAt, string? Value);

/// <summary>An Alertmanager silence.</summary>
public sealed record Silence(IReadOnlyDictionary<string, string> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string CreatedBy, string Comment, DateTimeOffset? ExpiredAt);

/// <summary>
/// A runbook of the internal runbook API: its slug is the file name; <see cref="Markdown"/> is the whole file, front matter
/// included, as the API serves it.
/// </summary>
public sealed record ApiRunbook(string Slug, string Title, string Service, IReadOnlyList<string> Alerts, string Markdown, string File);

/// <summary>A service catalog entity (Backstage shape): the annotations the incident backends resolve names through.</summary>
public sealed record CatalogEntry(string Name, string? Owner, string? Repository, string? PagerDutyServiceId, string? Namespace, string File);

/// <summary>
/// A PagerDuty incident (REST v2 shape, the fields the suite reads). An acknowledged incident's acknowledgement is its
/// <c>acknowledge_log_entry</c> (else its first assignee at creation); a resolved one's resolution is its <c>resolve_log_entry</c>.
/// </summary>
public sealed record PagerDutyIncident(string Id, int Number, string Title, string Status, string Urgency, string ServiceId, string ServiceName, DateTimeOffset CreatedAt,
    IReadOnlyList<string> Assignees, IReadOnlyList<PagerDutyAlert> Alerts, IReadOnlyList<PagerDutyLogEntry> LogEntries, IReadOnlyList<PagerDutyNote> Notes)
{
    /// <summary>The labels of the Alertmanager alerts the incident was raised from.</summary>
    public IEnumerable<IReadOnlyDictionary<string, string>> AlertDetails => Alerts.Select(a => a.Details);
}

/// <summary>An alert of a PagerDuty incident; <see cref="Details"/> is <c>body.details</c> (Alertmanager's labels, a runbook_url).</summary>
public sealed record PagerDutyAlert(string Id, string Summary, string Status, string Severity, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, string> Details);

/// <summary>A log entry; <see cref="Agent"/> is a user's name or a PagerDuty service's name (then the service acted).</summary>
public sealed record PagerDutyLogEntry(string Id, string Type, string Summary, DateTimeOffset CreatedAt, string Agent);

public sealed record PagerDutyNote(string Id, string User, string Content, DateTimeOffset CreatedAt);

/// <summary>
/// One level of an escalation policy: the policy of PagerDuty service <see cref="ServiceId"/> (every service's when null).
/// Without a schedule the user is assigned directly and has no shift times.
/// </summary>
public sealed record OnCall(string? Schedule, string User, int EscalationLevel, DateTimeOffset? Start, DateTimeOffset? End, string? ServiceId);

/// <summary>A GitHub deployment; <c>payload</c> names the Kubernetes workload it rolled out.</summary>
public sealed record Deployment(string Repository, long Id, string Ref, string Sha, string Environment, string Creator, DateTimeOffset CreatedAt, string State,
    string Description, string? Namespace, string? Workload);

/// <summary>A GitHub Actions run; <see cref="Path"/> is its workflow file (<c>.github/workflows/deploy.yml</c> unless the file says).</summary>
public sealed record WorkflowRun(string Repository, long Id, string Name, string HeadSha, string HeadBranch, string Event, string Status, string? Conclusion,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string DisplayTitle, string Actor, int RunNumber, string Path);

/// <summary>A commit; a repository's history is its commits in date order, each the parent of the next.</summary>
public sealed record Commit(string Repository, string Sha, string Author, string AuthorName, string Message, DateTimeOffset At, IReadOnlyList<string> Files);

/// <summary>A GitHub release of the commit <see cref="Sha"/>, tagged <see cref="Tag"/>.</summary>
public sealed record Release(string Repository, long Id, string Tag, string Sha, string Author, DateTimeOffset PublishedAt, string Body);
