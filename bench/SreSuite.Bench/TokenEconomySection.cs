using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SreSuite.MonitoringFixture;
using SreSuite.Harness;

namespace SreSuite.Bench;

/// <summary>
/// The triage questions an SRE asks first, answered through the suite and, for comparison, by the raw backend
/// response the same question needs. Each answer is checked for the facts a person needs.
/// </summary>
internal sealed partial class TokenEconomySection(Func<Task<BenchEnvironment>> environment) : IBenchmarkSection
{
    public string Name => "tokens";

    public string Title => "Token economy: triage questions";

    private sealed record Row(string Question, string Tool, int AnswerBytes, long RawBytes, string RawSource, bool FactsPresent, string Facts);

    public async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var env = await environment();
        await using var infra = await McpClients.ConnectHttpAsync(env.Infra.McpUrl, cancellationToken);
        await using var observability = await McpClients.ConnectHttpAsync(env.Observability.McpUrl, cancellationToken);
        await using var incident = await McpClients.ConnectHttpAsync(env.Incident.McpUrl, cancellationToken);
        using var kube = env.KubernetesApi();
        using var http = new HttpClient();
        var rows = new List<Row>();
        var now = DateTimeOffset.UtcNow;
        var day = string.Create(CultureInfo.InvariantCulture, $"start={now.AddDays(-1).ToUnixTimeSeconds()}&end={now.ToUnixTimeSeconds()}");

        var podsRaw = await kube.GetStringAsync(new Uri("/api/v1/namespaces/payments/pods", UriKind.Relative), cancellationToken);
        var podNames = (JsonNode.Parse(podsRaw)?["items"]?.AsArray() ?? []).Select(item => item?["metadata"]?["name"]?.GetValue<string>()).OfType<string>().ToList();
        var pods = await Measurements.CallTextAsync(infra, "k8s_list_pods", new() { ["namespace"] = "payments" }, cancellationToken);
        rows.Add(new("List the pods of a 60-pod namespace", "k8s_list_pods", Bytes(pods), Bytes(podsRaw), "GET /api/v1/namespaces/payments/pods",
            podNames.Count == 60 && podNames.All(name => pods.Contains(name, StringComparison.Ordinal)) && pods.Contains("CrashLoopBackOff", StringComparison.Ordinal),
            "all 60 pods with status and restarts"));

        var unhealthy = await Measurements.CallTextAsync(infra, "k8s_find_unhealthy", [], cancellationToken);
        long clusterRaw = 0;
        foreach (var path in new[] { "/api/v1/pods", "/api/v1/nodes", "/api/v1/events", "/apis/apps/v1/deployments" })
            clusterRaw += Bytes(await kube.GetStringAsync(new Uri(path, UriKind.Relative), cancellationToken));
        var crashing = CrashLoopingPod().Matches(unhealthy).Select(m => m.Groups["pod"].Value).ToList();
        rows.Add(new("What is unhealthy in a 278-pod cluster?", "k8s_find_unhealthy", Bytes(unhealthy), clusterRaw, "GET all pods, nodes, events, deployments",
            crashing.Count >= 2 && unhealthy.Contains("Error(1)", StringComparison.Ordinal) && unhealthy.Contains("OOMKilled", StringComparison.Ordinal) && unhealthy.Contains("NotReady", StringComparison.Ordinal),
            "crash-looping payments-api pods with reason and exit, OOM kills, NotReady node"));

        var pod = crashing.FirstOrDefault() ?? "payments-api";
        var logs = await Measurements.CallTextAsync(infra, "k8s_pod_logs", new() { ["namespace"] = "payments", ["pod"] = pod, ["previous"] = true }, cancellationToken);
        var logsRaw = await kube.GetStringAsync(new Uri($"/api/v1/namespaces/payments/pods/{pod}/log?container=payments-api&previous=true", UriKind.Relative), cancellationToken);
        rows.Add(new("Why does the crash-looping pod crash? (default log call)", "k8s_pod_logs", Bytes(logs), Bytes(logsRaw), "GET …/pods/<pod>/log?container=…&previous=true",
            logs.Contains("missing required setting PAYMENTS_PROCESSOR_URL", StringComparison.Ordinal), "the fatal line"));

        var events = await Measurements.CallTextAsync(infra, "k8s_events", new() { ["namespace"] = "payments" }, cancellationToken);
        var eventsRaw = await kube.GetStringAsync(new Uri("/api/v1/namespaces/payments/events", UriKind.Relative), cancellationToken);
        rows.Add(new("Events of a namespace", "k8s_events", Bytes(events), Bytes(eventsRaw), "GET /api/v1/namespaces/payments/events",
            events.Contains("BackOff", StringComparison.Ordinal), "BackOff grouped with count"));

        foreach (var (query, step, series, question) in new[]
        {
            (DemoQueries.ErrorRateByService, "15s", 5, "5xx rate by service over 24 h at 15 s (5 series)"),
            (DemoQueries.AllRequestRates, "60s", 40, "All request rates over 24 h at 60 s (40 series)"),
        })
        {
            var answer = await Measurements.CallTextAsync(observability, "prom_query_range", new() { ["query"] = query, ["start"] = "now-24h", ["step"] = step }, cancellationToken);
            var raw = await http.GetStringAsync(new Uri(env.Monitoring.PrometheusUrl, $"/api/v1/query_range?query={Uri.EscapeDataString(query)}&{day}&step={step}"), cancellationToken);
            rows.Add(new(question, "prom_query_range", Bytes(answer), Bytes(raw), "GET /api/v1/query_range (matrix)",
                answer.Contains("rise from", StringComparison.Ordinal) && answer.Contains("payments-api", StringComparison.Ordinal), "payments-api's spike window (start, peak, baseline)"));
        }

        var runbook = await Measurements.CallTextAsync(incident, "runbook_lookup", new() { ["service"] = "payments-api", ["alert"] = "PaymentsApiHighErrorRate" }, cancellationToken);
        var runbookFile = Path.Combine(Repository.Samples, "runbooks", "payments-api-high-error-rate.md");
        rows.Add(new("Runbook for the firing alert", "runbook_lookup", Bytes(runbook), new FileInfo(runbookFile).Length, "the Markdown file",
            runbook.StartsWith("runbook: Payments API high 5xx error rate", StringComparison.Ordinal), "title, owner, mitigation"));

        var incidentAnswer = await Measurements.CallTextAsync(incident, "incident_get", new() { ["incident_id"] = "PINC001" }, cancellationToken);
        var pagerDutyRaw = await PagerDutyRawAsync(env, cancellationToken);
        rows.Add(new("The incident with its timeline", "incident_get", Bytes(incidentAnswer), pagerDutyRaw, "GET incident, all log entries, notes, alerts",
            incidentAnswer.Contains("PaymentsApiHighErrorRate", StringComparison.Ordinal) && CollapsedTimeline().IsMatch(incidentAnswer)
                && incidentAnswer.Contains("Preparing rollback to v2.13.2.", StringComparison.Ordinal),
            "summary, assignee, notes; all ~200 log entries as a few rows, repeats counted with their last time"));

        var deploys = await Measurements.CallTextAsync(incident, "deploys_recent", new() { ["service"] = "payments-api" }, cancellationToken);
        var gitHubRaw = await GitHubRawAsync(env, cancellationToken);
        rows.Add(new("Recent deploys of the service", "deploys_recent", Bytes(deploys), gitHubRaw, "GET deployments (+statuses), runs, releases",
            deploys.Contains("v2.14.0 9f3c2e1 by dana-dev", StringComparison.Ordinal), "v2.14.0, sha, author, time"));

        var allRuns = await Measurements.CallTextAsync(incident, "deploys_recent", new() { ["service"] = "payments-api", ["since"] = "11d" }, cancellationToken);
        rows.Add(new(string.Create(CultureInfo.InvariantCulture, $"Deploys over {env.Incidents.GitHub.DeployRunCount} workflow runs (11 days)"), "deploys_recent", Bytes(allRuns), await GitHubRawAsync(env, cancellationToken, pages: 2), "the same, every page",
            allRuns.Contains("v2.14.0 9f3c2e1 by dana-dev", StringComparison.Ordinal) && CutNote().IsMatch(allRuns), "the newest deploys and how many were left out"));

        var table = new StringBuilder();
        table.AppendLine("| Question | Tool | Answer bytes (≈ tokens) | Raw backend bytes (≈ tokens) | Raw source | Facts present |");
        table.AppendLine("| --- | --- | ---: | ---: | --- | --- |");
        foreach (var row in rows)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Question} | `{row.Tool}` | {row.AnswerBytes:N0} (≈ {row.AnswerBytes / 4:N0}) | {row.RawBytes:N0} (≈ {row.RawBytes / 4:N0}) | {row.RawSource} | {(row.FactsPresent ? "yes" : "**NO**")}: {row.Facts} |");
        }

        table.AppendLine(CultureInfo.InvariantCulture, $"| **All questions** | | **{rows.Sum(r => r.AnswerBytes):N0}** | **{rows.Sum(r => r.RawBytes):N0}** | | |");
        table.AppendLine();
        table.AppendLine("`tools/list` of each server as a client sees it by default (write tools off):").AppendLine();
        foreach (var (name, server) in new[] { ("InfraTools", infra), ("ObservabilityTools", observability), ("IncidentTools", incident) })
            table.AppendLine(CultureInfo.InvariantCulture, $"- {name}: {(await Measurements.ToolsListAsync(server, cancellationToken)).Bytes:N0} bytes");
        if (rows.Any(row => !row.FactsPresent))
            throw new InvalidOperationException("an answer is missing the facts it must carry:\n" + table);
        return table.ToString();
    }

    private static async Task<long> PagerDutyRawAsync(BenchEnvironment env, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Token token={env.Incidents.PagerDuty.Token}");
        http.DefaultRequestHeaders.TryAddWithoutValidation("Accept", "application/vnd.pagerduty+json;version=2");
        var baseUrl = env.Incidents.PagerDutyUrl.ToString().TrimEnd('/');
        long bytes = Bytes(await http.GetStringAsync(new Uri($"{baseUrl}/incidents/PINC001"), cancellationToken));
        bytes += Bytes(await http.GetStringAsync(new Uri($"{baseUrl}/incidents/PINC001/notes"), cancellationToken));
        bytes += Bytes(await http.GetStringAsync(new Uri($"{baseUrl}/incidents/PINC001/alerts"), cancellationToken));
        for (var offset = 0; ; offset += 100)
        {
            var page = await http.GetStringAsync(new Uri($"{baseUrl}/incidents/PINC001/log_entries?limit=100&offset={offset}"), cancellationToken);
            bytes += Bytes(page);
            if (!page.Contains("\"more\":true", StringComparison.Ordinal))
                return bytes;
        }
    }

    /// <summary>Bytes of what deploys_recent reads from GitHub: deployments with their statuses, runs, releases.</summary>
    private static async Task<long> GitHubRawAsync(BenchEnvironment env, CancellationToken cancellationToken, int pages = 1)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Bearer {env.Incidents.GitHub.Token}");
        http.DefaultRequestHeaders.UserAgent.ParseAdd("sresuite-bench");
        var repo = $"{env.Incidents.GitHubUrl.ToString().TrimEnd('/')}/repos/acme/payments-api";
        var deployments = await http.GetStringAsync(new Uri($"{repo}/deployments?per_page=100"), cancellationToken);
        long bytes = Bytes(deployments);
        foreach (var id in (JsonNode.Parse(deployments)?.AsArray() ?? []).Select(deployment => deployment?["id"]?.GetValue<long>()).OfType<long>())
            bytes += Bytes(await http.GetStringAsync(new Uri($"{repo}/deployments/{id}/statuses"), cancellationToken));
        for (var page = 1; page <= pages; page++)
            bytes += Bytes(await http.GetStringAsync(new Uri($"{repo}/actions/runs?per_page=100&page={page}"), cancellationToken));
        bytes += Bytes(await http.GetStringAsync(new Uri($"{repo}/releases?per_page=100"), cancellationToken));
        return bytes;
    }

    private static int Bytes(string text) => Encoding.UTF8.GetByteCount(text);

    /// <summary>The note a budgeted answer ends with when rows were left out, e.g. "… 180 earlier log entries not shown" or "… 12 more deploys".</summary>
    [GeneratedRegex(@"… \d+ (more|earlier) ")]
    private static partial Regex CutNote();

    /// <summary>incident_get's timeline header: every log entry kept, repeats folded into counted rows (issue 19).</summary>
    [GeneratedRegex(@"timeline: \d+ log entries as \d+ rows, repeats counted, oldest first")]
    private static partial Regex CollapsedTimeline();

    [GeneratedRegex(@"payments/(?<pod>payments-api-\S+) \S+ CrashLoopBackOff")]
    private static partial Regex CrashLoopingPod();
}
