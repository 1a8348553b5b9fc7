using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SreSuite.ObservabilityTools.Analysis;
using SreSuite.ObservabilityTools.Prometheus;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Mcp;

namespace SreSuite.ObservabilityTools.Tools;

[McpServerToolType]
public sealed class PrometheusAlertTools(PrometheusBackend prometheus, AnswerBudgets budgets)
{
    [McpServerTool(Name = "prom_alerts", Title = "Prometheus: List alerts", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("List firing and pending Prometheus alerts, most severe first: labels, annotations (runbook_url), pending since and firing since.")]
    [StructuredOutput("firing", "pending", "alerts")]
    public async Task<CallToolResult> AlertsAsync(
        [Description("Alert state"), AllowedValues("all", "firing", "pending")] string state = "all",
        [Description("Name contains"), StringLength(200)] string alertname = "",
        CancellationToken cancellationToken = default)
    {
        // The alerts API gives only activeAt (when the alert went pending); it fires once active for its rule's
        // 'for', so the rules API's duration tells firing-since apart from pending-since.
        var holdFor = HoldDurationsAsync(cancellationToken);
        var result = await prometheus.CallAsync(api => api.AlertsAsync(cancellationToken), "state", cancellationToken);
        var durations = await holdFor;
        var now = ToolClock.Now();
        var all = result.Data.Alerts;
        var alerts = all
            .Where(a => state == "all" || string.Equals(a.State, state, StringComparison.OrdinalIgnoreCase))
            .Where(a => string.IsNullOrWhiteSpace(alertname) || NameOf(a).Contains(alertname.Trim(), StringComparison.OrdinalIgnoreCase))
            .OrderBy(a => a.State == "firing" ? 0 : 1)
            .ThenBy(a => AlertFormatting.SeverityRank(a.Labels))
            .ThenBy(a => a.ActiveAt)
            .ToList();

        var (answer, data) = budgets.StartStructured("prom_alerts");
        answer.AddWarnings(result.Warnings);
        var firing = alerts.Count(a => a.State == "firing");
        data.Set("firing", firing).Set("pending", alerts.Count - firing);
        answer.AppendLine($"{Counts.Of(alerts.Count, "alert")}: {firing} firing, {alerts.Count - firing} pending (Prometheus holds {all.Count} in all)");
        var written = 0;
        foreach (var alert in alerts)
        {
            var labels = (alert.Labels ?? new Dictionary<string, string>()).Where(l => l.Key != "alertname").ToDictionary(l => l.Key, l => l.Value);
            var header = UntrustedText.Line($"{(alert.State ?? "unknown").ToUpperInvariant()} {NameOf(alert)} {LabelSets.Format(labels)} "
                + $"{When(alert, durations, now)}, value {Numbers.Compact(SampleConverter.ParseValue(alert.Value))}");
            var block = header + "\n" + answer.Fence.Wrap($"annotations of {NameOf(alert)}", AlertFormatting.Annotations(alert.Annotations));
            if (!answer.TryAppendLine(block))
                break;
            written++;
        }

        data.AddRows("alerts", alerts, written, alert => AlertJson(alert, durations));
        if (written < alerts.Count)
            answer.Note($"… {alerts.Count - written} more alerts; pass alertname or state to narrow.");
        return data.Result(answer.ToString());
    }

    /// <summary>
    /// <c>pending since T (…), firing since T+for (…)</c> for a firing alert, <c>pending since T (…), fires at T+for
    /// (in …) if it holds</c> for a pending one; only <c>active since</c> when the rule's <c>for</c> is unknown.
    /// </summary>
    private static string When(PrometheusAlert alert, IReadOnlyDictionary<string, TimeSpan> durations, DateTimeOffset now)
    {
        if (alert.ActiveAt is not { } active || !durations.TryGetValue(NameOf(alert), out var holdFor))
            return $"active since {AlertFormatting.Since(alert.ActiveAt, now)}";
        var pending = $"pending since {AlertFormatting.Since(active, now)}";
        return alert.State switch
        {
            "firing" => $"{pending}, firing since {AlertFormatting.Since(active + holdFor, now)}",
            "pending" => $"{pending}, fires at {AlertFormatting.Relative(active + holdFor, now)} if it holds (for {Ages.Format(holdFor)})",
            _ => pending,
        };
    }

    /// <summary>Each alerting rule's <c>for</c> by alert name; empty when the rules cannot be read (the answer then says "active since").</summary>
    private async Task<IReadOnlyDictionary<string, TimeSpan>> HoldDurationsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var rules = await prometheus.CallAsync(api => api.RulesAsync("alert", cancellationToken), "state", cancellationToken);
            return rules.Data.Groups.SelectMany(g => g.Rules)
                .Where(r => r.Type == "alerting" && r.Duration is not null)
                .GroupBy(r => r.Name, StringComparer.Ordinal)
                .Where(g => g.Select(r => r.Duration).Distinct().Count() == 1)
                .ToDictionary(g => g.Key, g => TimeSpan.FromSeconds(g.First().Duration!.Value), StringComparer.Ordinal);
        }
        catch (ToolFailureException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Dictionary<string, TimeSpan>();
        }
    }

    // Annotations are outside text: they stay fenced in the text answer, not in the structured rows.
    // since: when it went pending (activeAt); firing_since: since + the rule's for, when the alert fires and the rule is known.
    private static JsonObject AlertJson(PrometheusAlert alert, IReadOnlyDictionary<string, TimeSpan> durations) => StructuredAnswer.Row(
        ("name", NameOf(alert)), ("state", alert.State), ("labels", InstantReport.Labels(alert.Labels)),
        ("since", StructuredAnswer.Time(alert.ActiveAt)),
        ("firing_since", alert.State == "firing" && alert.ActiveAt is { } active && durations.TryGetValue(NameOf(alert), out var holdFor) ? StructuredAnswer.Time(active + holdFor) : null),
        ("value", InstantReport.Value(SampleConverter.ParseValue(alert.Value))));

    [McpServerTool(Name = "prom_rules", Title = "Prometheus: List rules", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("List alerting and recording rules: state, health, last error. Unhealthy and firing first.")]
    public async Task<string> RulesAsync(
        [Description("Rule or group name contains"), StringLength(200)] string name = "",
        [Description("Rule state"), AllowedValues("any", "firing", "pending", "inactive", "unhealthy")] string state = "any",
        [Description("Rule type"), AllowedValues("any", "alert", "record")] string type = "any",
        CancellationToken cancellationToken = default)
    {
        var result = await prometheus.CallAsync(api => api.RulesAsync(type == "any" ? null : type, cancellationToken), "type", cancellationToken);
        var rules = result.Data.Groups
            .SelectMany(g => g.Rules.Select(rule => (Group: g, Rule: rule)))
            .Where(r => string.IsNullOrWhiteSpace(name)
                || r.Rule.Name.Contains(name.Trim(), StringComparison.OrdinalIgnoreCase)
                || r.Group.Name.Contains(name.Trim(), StringComparison.OrdinalIgnoreCase))
            .Where(r => state switch
            {
                "unhealthy" => r.Rule.Health is not null and not "ok",
                "any" => true,
                _ => string.Equals(r.Rule.State, state, StringComparison.OrdinalIgnoreCase),
            })
            .OrderBy(r => r.Rule.Health is null or "ok" ? 1 : 0)
            .ThenBy(r => r.Rule.State switch { "firing" => 0, "pending" => 1, _ => 2 })
            .ToList();

        var answer = budgets.Start("prom_rules");
        answer.AddWarnings(result.Warnings);
        var alerting = rules.Count(r => r.Rule.Type == "alerting");
        answer.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{Counts.Of(rules.Count, "rule")} in {rules.Select(r => r.Group.Name).Distinct(StringComparer.Ordinal).Count()} groups: {alerting} alerting ({rules.Count(r => r.Rule.State == "firing")} firing, {rules.Count(r => r.Rule.State == "pending")} pending), {rules.Count - alerting} recording, {rules.Count(r => r.Rule.Health is not null and not "ok")} unhealthy"));
        answer.AppendRows(rules, r => Row(r.Group, r.Rule), "rules", "pass name, state or type to narrow");
        return answer.ToString();
    }

    [McpServerTool(Name = "prom_targets", Title = "Prometheus: List scrape targets", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("List active scrape targets, unhealthy first with last scrape error.")]
    public async Task<string> TargetsAsync(
        [Description("Scrape pool (job)"), StringLength(200)] string pool = "",
        [Description("Target health"), AllowedValues("any", "up", "down", "unknown")] string health = "any",
        CancellationToken cancellationToken = default)
    {
        var result = await prometheus.CallAsync(api => api.TargetsAsync("active", cancellationToken), "pool", cancellationToken);
        var now = ToolClock.Now();
        var all = result.Data.ActiveTargets.Where(t => string.IsNullOrWhiteSpace(pool) || string.Equals(t.ScrapePool, pool.Trim(), StringComparison.Ordinal)).ToList();
        var targets = all
            .Where(t => health == "any" || string.Equals(t.Health, health, StringComparison.OrdinalIgnoreCase))
            .OrderBy(t => t.Health switch { "down" => 0, "unknown" => 1, _ => 2 })
            .ThenBy(t => t.ScrapePool, StringComparer.Ordinal)
            .ThenBy(t => t.ScrapeUrl, StringComparer.Ordinal)
            .ToList();

        var answer = budgets.Start("prom_targets");
        answer.AddWarnings(result.Warnings);
        var pools = all.GroupBy(t => t.ScrapePool ?? "?", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
        answer.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{Counts.Of(all.Count, "active target")}: {all.Count(t => t.Health == "up")} up, {all.Count(t => t.Health == "down")} down, {all.Count(t => t.Health is not ("up" or "down"))} unknown; pools: {string.Join(", ", pools)}"));
        answer.AppendRows(targets, t => Row(t, now), "targets", "pass pool or health to narrow");
        return answer.ToString();
    }

    /// <summary>Longer than any hand-written rule's expression; a generated one beyond it is cut with an ellipsis.</summary>
    private const int MaxExpression = 2000;

    private static string NameOf(PrometheusAlert alert) =>
        alert.Labels is not null && alert.Labels.TryGetValue("alertname", out var name) ? name : "(unnamed)";

    private static string Row(RuleGroup group, PrometheusRule rule)
    {
        var text = new StringBuilder();
        text.Append('[').Append(UntrustedText.Line(group.Name)).Append("] ");
        if (rule.Type == "alerting")
        {
            text.Append("alert ").Append(UntrustedText.Line(rule.Name)).Append(": ").Append(rule.State ?? "unknown");
            if (rule.Alerts is { Count: > 0 } alerts)
            {
                // What fires, not only how many: the newest alert's own labels (the rule's static ones and alertname
                // are the same for all), e.g. the namespace and service a 5xx rule fires for. Prometheus lists a rule's
                // alerts in no fixed order (a Go map), so "the first" named a different alert from one call to the
                // next; the newest is the one most likely to be today's incident, and ties go by their labels.
                var omit = (rule.Labels ?? new Dictionary<string, string>()).Keys.Append("alertname").ToDictionary(k => k, k => k, StringComparer.Ordinal);
                var newest = AlertFormatting.NewestFirst(alerts, omit)[0];
                text.Append(" (").Append(Counts.Of(alerts.Count, "alert")).Append(alerts.Count == 1 ? ": " : ", newest ").Append(UntrustedText.Line(newest, 300)).Append(')');
            }
            if (rule.Duration is > 0 and var duration)
                text.Append(", for ").Append(PromDuration.Format(TimeSpan.FromSeconds(duration)));
            if (rule.Labels?.TryGetValue("severity", out var severity) == true)
                text.Append(", severity ").Append(UntrustedText.Line(severity));
        }
        else
        {
            text.Append("record ").Append(UntrustedText.Line(rule.Name));
        }

        text.Append(", health ").Append(rule.Health ?? "unknown");
        if (!string.IsNullOrWhiteSpace(rule.LastError))
            text.Append(", last error: ").Append(UntrustedText.Line(rule.LastError, 300));
        // The whole expression, not a preview: the next step runs it (prom_query_range), and a cut one does not parse.
        text.Append(" | ").Append(UntrustedText.Line(rule.Query, MaxExpression));
        return text.ToString();
    }

    private static string Row(ScrapeTarget target, DateTimeOffset now)
    {
        var instance = target.Labels is not null && target.Labels.TryGetValue("instance", out var value) ? value : target.ScrapeUrl ?? "?";
        var text = new StringBuilder();
        text.Append(target.Health ?? "unknown").Append(' ').Append(UntrustedText.Line(target.ScrapePool)).Append(' ').Append(UntrustedText.Line(instance));
        if (target.LastScrape is { } last && last.Year > 1)
        {
            text.Append(", last scrape ").Append(Ages.Ago(last, now));
            if (target.LastScrapeDuration is { } seconds)
                text.Append(" in ").Append(Numbers.Compact(seconds * 1000)).Append("ms");
        }
        else
        {
            text.Append(", never scraped");
        }

        if (!string.IsNullOrWhiteSpace(target.LastError))
            text.Append(", error: ").Append(UntrustedText.Line(target.LastError, 300));
        return text.ToString();
    }
}
