using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using ModelContextProtocol.Server;
using SreSuite.ObservabilityTools.Alertmanager;
using SreSuite.ObservabilityTools.Analysis;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ObservabilityTools.Tools;

[McpServerToolType]
public sealed class AlertmanagerTools(AlertmanagerBackend alertmanager, AnswerBudgets budgets)
{
    /// <summary>Alerts listed per notification group; a storm of one alert should not crowd out the other groups.</summary>
    private const int AlertsPerGroup = 10;

    [McpServerTool(Name = "am_alerts", Title = "Alertmanager: List alerts", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("List Alertmanager alerts by group: state (active, silenced, inhibited), labels, annotations.")]
    public async Task<string> AlertsAsync(
        [Description("Matchers, e.g. service=\"payments-api\""), StringLength(1000)] string filter = "",
        [Description("Alert state"), AllowedValues("all", "active", "silenced", "inhibited")] string state = "all",
        CancellationToken cancellationToken = default)
    {
        var matchers = AlertMatchers.Parse(filter, "filter").Select(m => m.ToString()).ToList();
        var groups = await alertmanager.CallAsync(api => api.GetAlertGroupsAsync(matchers, true, true, true, cancellationToken), "filter", cancellationToken);
        var now = ToolClock.Now();

        var distinct = groups.SelectMany(g => g.Alerts ?? []).DistinctBy(a => a.Fingerprint).ToList();
        var names = distinct.Where(a => a.Fingerprint is not null).ToDictionary(a => a.Fingerprint!, a => Name(a), StringComparer.Ordinal);
        var answer = budgets.Start("am_alerts");
        var showing = state == "all" ? string.Empty : $"; showing {state}";
        answer.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{Counts.Of(distinct.Count, "alert")} in Alertmanager: {distinct.Count(a => StateOf(a) == "active")} active, {distinct.Count(a => StateOf(a) == "silenced")} silenced, {distinct.Count(a => StateOf(a) == "inhibited")} inhibited{showing}"));

        var shownGroups = groups
            .Select(g => (Group: g, Alerts: (g.Alerts ?? []).Where(a => state == "all" || StateOf(a) == state)
                .OrderBy(a => StateOf(a) == "active" ? 0 : 1).ThenBy(a => a.StartsAt).ToList()))
            .Where(g => g.Alerts.Count > 0)
            .OrderBy(g => g.Alerts.Min(a => AlertFormatting.SeverityRank(a.Labels)))
            .ThenBy(g => g.Alerts.Any(a => StateOf(a) == "active") ? 0 : 1)
            .ThenBy(g => LabelSets.Format(g.Group.Labels ?? new Dictionary<string, string>()), StringComparer.Ordinal)
            .ToList();
        var written = answer.AppendBlocks(shownGroups, shown => Block(answer.Fence, shown.Group, shown.Alerts, names, now));
        if (written < shownGroups.Count)
            answer.Note($"… {shownGroups.Count - written} more groups ({shownGroups.Skip(written).Sum(g => g.Alerts.Count)} alerts); pass filter (e.g. alertname=\"…\") or state to narrow.");
        return answer.ToString();
    }

    [McpServerTool(Name = "am_silences", Title = "Alertmanager: List silences", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("List Alertmanager silences: id, state, matchers, creator, comment, end.")]
    public async Task<string> SilencesAsync(
        [Description("current = active + pending"), AllowedValues("current", "active", "pending", "expired", "all")] string state = "current",
        [Description("Matchers the silences must match"), StringLength(1000)] string filter = "",
        CancellationToken cancellationToken = default)
    {
        var matchers = AlertMatchers.Parse(filter, "filter").Select(m => m.ToString()).ToList();
        var all = await alertmanager.CallAsync(api => api.GetSilencesAsync(matchers, cancellationToken), "filter", cancellationToken);
        var now = ToolClock.Now();
        var silences = all
            .Where(s => state switch
            {
                "all" => true,
                "current" => s.Status?.State is "active" or "pending",
                _ => s.Status?.State == state,
            })
            .OrderBy(s => s.Status?.State switch { "active" => 0, "pending" => 1, _ => 2 })
            .ThenBy(s => s.Status?.State == "expired" ? -(s.EndsAt?.ToUnixTimeSeconds() ?? 0) : s.EndsAt?.ToUnixTimeSeconds() ?? 0)
            .ToList();

        var answer = budgets.Start("am_silences");
        answer.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{Counts.Of(silences.Count, "silence")} ({state}); Alertmanager holds {all.Count(s => s.Status?.State == "active")} active, {all.Count(s => s.Status?.State == "pending")} pending, {all.Count(s => s.Status?.State == "expired")} expired"));
        answer.AppendBlocks(silences, silence => SilenceFormatting.Block(answer.Fence, silence, now), "silences", "pass state or filter to narrow.");
        return answer.ToString();
    }

    /// <summary>active, silenced or inhibited; an alert both silenced and inhibited counts as silenced.</summary>
    private static string StateOf(GettableAlert alert) => alert.Status switch
    {
        { SilencedBy.Count: > 0 } => "silenced",
        { InhibitedBy.Count: > 0 } => "inhibited",
        _ => "active",
    };

    /// <summary><c>PaymentsApiHighErrorRate{service="payments-api"}</c>: how an inhibiting alert is named.</summary>
    private static string Name(GettableAlert alert)
    {
        var labels = alert.Labels ?? new Dictionary<string, string>();
        var name = labels.GetValueOrDefault("alertname", "(unnamed)");
        var rest = labels.Where(l => l.Key is not ("alertname" or "severity")).ToDictionary(l => l.Key, l => l.Value);
        return UntrustedText.Line(name) + LabelSets.Format(rest);
    }

    private static string Block(UntrustedFence fence, AlertGroup group, IReadOnlyList<GettableAlert> alerts, IReadOnlyDictionary<string, string> names, DateTimeOffset now)
    {
        var groupLabels = group.Labels ?? new Dictionary<string, string>();
        var labelSets = alerts.Select(a => a.Labels ?? new Dictionary<string, string>()).ToList();
        var common = LabelSets.Common(labelSets);
        var text = new StringBuilder();
        text.Append("group ").Append(LabelSets.Format(groupLabels))
            .Append(" -> ").Append(UntrustedText.Line(group.Receiver?.Name ?? "?"))
            .Append(": ").Append(Counts.Of(alerts.Count, "alert"));
        var shared = common.Where(l => !groupLabels.ContainsKey(l.Key)).ToDictionary(l => l.Key, l => l.Value);
        if (shared.Count > 0)
            text.Append(", common ").Append(LabelSets.Format(shared));

        var omit = common.Concat(groupLabels).DistinctBy(l => l.Key).ToDictionary(l => l.Key, l => l.Value);
        var shown = alerts.Take(AlertsPerGroup).ToList();
        for (var i = 0; i < shown.Count; i++)
        {
            var alert = alerts[i];
            text.Append("\n  [").Append(i + 1).Append("] ").Append(StateOf(alert));
            if (alert.Status?.SilencedBy is { Count: > 0 } silencedBy)
                text.Append(" by ").Append(UntrustedText.Line(string.Join(",", silencedBy)));
            else if (alert.Status?.InhibitedBy is { Count: > 0 } inhibitedBy)
                text.Append(" by ").Append(string.Join(", ", inhibitedBy.Select(fingerprint => names.GetValueOrDefault(fingerprint, $"alert {UntrustedText.Line(fingerprint)}"))));
            text.Append(" since ").Append(AlertFormatting.Since(alert.StartsAt, now));
            var own = LabelSets.Format(alert.Labels ?? new Dictionary<string, string>(), omit);
            if (own != "{}")
                text.Append(' ').Append(own);
        }

        if (alerts.Count > shown.Count)
            text.Append("\n  … ").Append(alerts.Count - shown.Count).Append(" more alerts in this group; pass filter to narrow");
        text.Append('\n').Append(fence.Wrap("annotations of this group's alerts", Annotations(shown)));
        return text.ToString();
    }

    /// <summary>Annotations shared by every alert once, the others prefixed with the alert's number.</summary>
    private static string Annotations(IReadOnlyList<GettableAlert> alerts)
    {
        var pairs = alerts.Select(a => a.Annotations ?? new Dictionary<string, string>()).ToList();
        var shared = LabelSets.Common(pairs);
        var lines = shared.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}: {a.Value}").ToList();
        for (var i = 0; i < pairs.Count; i++)
        {
            foreach (var (key, value) in pairs[i].Where(a => !shared.ContainsKey(a.Key)).OrderBy(a => a.Key, StringComparer.Ordinal))
                lines.Add($"[{i + 1}] {key}: {value}");
        }

        return lines.Count == 0 ? "(no annotations)" : string.Join('\n', lines);
    }
}
