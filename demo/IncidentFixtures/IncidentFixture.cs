using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SreSuite.Scenarios;

namespace SreSuite.IncidentFixtures;

/// <summary>
/// Fake PagerDuty, GitHub and runbook API servers in one loopback web app, serving the real APIs' shapes with a
/// scenario's <c>pagerduty/</c>, <c>github/</c> and <c>runbook-api/</c> files (the library's payments-deploy-crashloop when none is given).
/// Used in-process by tests, benchmarks and the AppHost demo, or on its own through Program.
/// </summary>
public sealed class IncidentFixture : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private IncidentFixture(WebApplication app, Scenario scenario, PagerDutyFixture pagerDuty, GitHubFixture gitHub, RunbookApiFixture runbookApi)
    {
        _app = app;
        Scenario = scenario;
        PagerDuty = pagerDuty;
        GitHub = gitHub;
        RunbookApi = runbookApi;
    }

    /// <summary>The scenario served, with its times on the run's clock.</summary>
    public Scenario Scenario { get; }

    public PagerDutyFixture PagerDuty { get; }

    public GitHubFixture GitHub { get; }

    public RunbookApiFixture RunbookApi { get; }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>For <c>PagerDuty__Url</c>.</summary>
    public Uri PagerDutyUrl => new(BaseUrl, PagerDutyFixture.Prefix);

    /// <summary>For <c>GitHub__Url</c> (an Enterprise-style base URL).</summary>
    public Uri GitHubUrl => new(BaseUrl, GitHubFixture.Prefix);

    /// <summary>For <c>RUNBOOK_API_URL</c>.</summary>
    public Uri RunbookApiUrl => new(BaseUrl, RunbookApiFixture.Prefix);

    /// <summary>How long a backend switched to <see cref="FixtureFault.Slow"/> waits before answering.</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(10);

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Cancelled when the process is asked to stop (Ctrl-C or SIGTERM).</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>The environment a server needs to use this fixture for PagerDuty, GitHub and the runbook API.</summary>
    public IReadOnlyDictionary<string, string?> ServerEnvironment => new Dictionary<string, string?>
    {
        ["PAGERDUTY_TOKEN"] = PagerDuty.Token,
        ["PagerDuty__Url"] = PagerDutyUrl.ToString(),
        ["PagerDuty__From"] = "priya.raman@acme.example",
        ["GITHUB_TOKEN"] = GitHub.Token,
        ["GitHub__Url"] = GitHubUrl.ToString(),
        ["GitHub__DeployWorkflows"] = GitHubFixture.DeployWorkflow,
        ["RUNBOOK_API_URL"] = RunbookApiUrl.ToString(),
        ["RUNBOOK_API_TOKEN"] = RunbookApi.Token,
    };

    /// <summary>
    /// Starts the fixture on 127.0.0.1 (port 0 picks a free one) serving <paramref name="scenario"/>, or the library's
    /// default scenario told relative to <paramref name="now"/>.
    /// </summary>
    public static async Task<IncidentFixture> StartAsync(int port = 0, DateTimeOffset? now = null, string? tokenPrefix = null, Scenario? scenario = null, CancellationToken cancellationToken = default)
    {
        scenario ??= ScenarioCatalog.Load(null, now ?? DateTimeOffset.UtcNow);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();

        var fixture = new IncidentFixture(app, scenario, new PagerDutyFixture(scenario, tokenPrefix is null ? null : tokenPrefix + "-pagerduty"), new GitHubFixture(scenario, tokenPrefix is null ? null : tokenPrefix + "-github"), new RunbookApiFixture(scenario, tokenPrefix is null ? null : tokenPrefix + "-runbooks"));
        app.Use(fixture.InterceptAsync);
        fixture.PagerDuty.Map(app);
        fixture.GitHub.Map(app);
        fixture.RunbookApi.Map(app);
        app.MapPost("/_fixture/fault", (string backend, FixtureFault fault) => fixture.SetFault(backend, fault));
        app.MapGet("/", () => Results.Text(fixture.Describe()));

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fixture.BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return fixture;
    }

    public string Describe() =>
        $"""
        Scenario   {Scenario.Name} ({Scenario.Incidents.Count} incidents, repositories {string.Join(", ", GitHub.Repositories)})
        PagerDuty  {PagerDutyUrl}  (PAGERDUTY_TOKEN={PagerDuty.Token})
        GitHub     {GitHubUrl}  (GITHUB_TOKEN={GitHub.Token})
        RunbookAPI {RunbookApiUrl}  (RUNBOOK_API_TOKEN={RunbookApi.Token})
        Faults     POST {BaseUrl}_fixture/fault?backend=pagerduty|github&fault=None|Unauthorized|RateLimited|NotFound|ServerError|Slow
        """;

    public void ClearRequests() => _requests.Clear();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult SetFault(string backend, FixtureFault fault)
    {
        switch (backend)
        {
            case "pagerduty":
                PagerDuty.Fault = fault;
                break;
            case "github":
                GitHub.Fault = fault;
                break;
            default:
                return Results.BadRequest("backend must be pagerduty or github");
        }

        return Results.Text($"{backend}: {fault}");
    }

    private async Task InterceptAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "/";
        var (backend, fault, gate) = path switch
        {
            _ when path.StartsWith(PagerDutyFixture.Prefix + "/", StringComparison.Ordinal) => ("pagerduty", PagerDuty.Fault, (Func<HttpRequest, IResult?>)PagerDuty.Gate),
            _ when path.StartsWith(GitHubFixture.Prefix + "/", StringComparison.Ordinal) => ("github", GitHub.Fault, GitHub.Gate),
            _ when path.StartsWith(RunbookApiFixture.Prefix + "/", StringComparison.Ordinal) => ("runbook-api", FixtureFault.None, RunbookApi.Gate),
            _ => (null, FixtureFault.None, null),
        };
        if (backend is null || gate is null)
        {
            await next(context);
            return;
        }

        string? body = null;
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            context.Request.EnableBuffering();
            body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
        }

        var prefixLength = backend switch { "pagerduty" => PagerDutyFixture.Prefix.Length, "github" => GitHubFixture.Prefix.Length, _ => RunbookApiFixture.Prefix.Length };
        _requests.Enqueue(new RecordedRequest(
            backend,
            context.Request.Method,
            path[prefixLength..] + context.Request.QueryString,
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            body));

        if (fault == FixtureFault.Slow)
            await Task.Delay(SlowDelay, context.RequestAborted);
        var refusal = gate(context.Request);
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
