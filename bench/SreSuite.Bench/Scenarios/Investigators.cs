using System.Globalization;
using System.Text.RegularExpressions;
using ModelContextProtocol.Client;

namespace SreSuite.Bench.Scenarios;

/// <summary>A workload or pod the investigator suspects, read from an answer.</summary>
internal sealed record Suspect(string Namespace, string Workload, string? Pod, string Reason, bool Restarted);

/// <summary>
/// The published triage flow (the incident_triage prompt) walked by a script that picks every argument from the
/// answers it has read: k8s_find_unhealthy → the top suspect's logs (previous run if it restarted; the workload's
/// description when no container ever ran) → firing alerting rules → range query of the alert's expression → the
/// alert's runbook → what changed before it (incident_timeline of the alert's or the suspect's service).
/// </summary>
internal static partial class OurInvestigator
{
    public static async Task WalkAsync(TriageWalk walk, McpClient infra, McpClient observability, McpClient incident, CancellationToken cancellationToken)
    {
        var unhealthy = await walk.CallAsync(infra, "k8s_find_unhealthy", new() { ["namespace"] = "*" }, cancellationToken);
        var suspect = SuspectOf(unhealthy.Text);

        if (suspect is { Pod: { } pod } && !NoContainerRan(suspect.Reason))
            await walk.CallAsync(infra, "k8s_pod_logs", new() { ["namespace"] = suspect.Namespace, ["pod"] = pod, ["previous"] = suspect.Restarted }, cancellationToken);
        else if (suspect is not null)
            await walk.CallAsync(infra, "k8s_describe_workload", new() { ["namespace"] = suspect.Namespace, ["workload"] = suspect.Workload }, cancellationToken);

        // The firing alerting rules: their names and expressions in one call (prom_alerts has no expression).
        var alerts = await walk.CallAsync(observability, "prom_rules", new() { ["state"] = "firing", ["type"] = "alert" }, cancellationToken);
        var alert = AlertOf(alerts.Text, suspect);

        // Nothing in the cluster looks unhealthy, yet alerts fire: the logs of the service failing its requests (an
        // error-rate or latency alert's service) say what it fails on, e.g. a dependency refusing connections.
        if (suspect is null && SymptomService(alerts.Text) is { } symptom)
            await walk.CallAsync(infra, "k8s_pod_logs", new() { ["namespace"] = symptom.Namespace ?? "default", ["pod"] = $"deploy/{symptom.Service}" }, cancellationToken);
        else if (suspect is null)
            await walk.CallAsync(infra, "k8s_events", new() { ["namespace"] = "*" }, cancellationToken);
        if (alert?.Expression is { } expression)
            await walk.CallAsync(observability, "prom_query_range", new() { ["query"] = expression, ["start"] = "now-6h" }, cancellationToken);
        if (alert is not null)
            await walk.CallAsync(incident, "runbook_lookup", new() { ["alert"] = alert.Name }, cancellationToken);
        var service = alert?.Service ?? suspect?.Workload;
        if (service is not null)
            await walk.CallAsync(incident, "incident_timeline", new() { ["service"] = service, ["hours_before"] = 24 }, cancellationToken);
    }

    private static bool NoContainerRan(string reason) =>
        reason.Contains("ImagePull", StringComparison.Ordinal) || reason.Contains("ErrImage", StringComparison.Ordinal)
        || reason.Contains("Pending", StringComparison.Ordinal) || reason.Contains("ContainerCreating", StringComparison.Ordinal)
        || reason.Contains("Unschedulable", StringComparison.Ordinal);

    /// <summary>The first affected workload (the answer lists them worst first) and its first pod row.</summary>
    public static Suspect? SuspectOf(string answer)
    {
        var lines = answer.Split('\n');
        // A node saturated by one pod with unhealthy pods beside it: the pod taking the node is the suspect, the
        // neighbours (and any older trouble elsewhere) only show it. Its own log says what it is doing.
        var hog = lines.SkipWhile(l => !l.StartsWith("NODES SATURATED", StringComparison.Ordinal)).Skip(1)
            .Select(l => SaturatedNode().Match(l)).TakeWhile(m => m.Success)
            .FirstOrDefault(m => m.Groups["rest"].Value.Contains("unhealthy beside it", StringComparison.Ordinal));
        if (hog is not null)
            return new Suspect(hog.Groups["ns"].Value, WorkloadOf(hog.Groups["pod"].Value), hog.Groups["pod"].Value, "saturates its node", false);
        // Of the affected workloads, one whose containers run and fail (their logs say why) before one that never
        // started; among those, the trouble that began most recently: an incident is usually the newest change.
        var affected = lines.SkipWhile(l => !l.StartsWith("AFFECTED WORKLOADS", StringComparison.Ordinal)).Skip(1)
            .Select(l => WorkloadRow().Match(l)).TakeWhile(m => m.Success).ToList();
        var suspect = affected
            .Select((m, order) => (Row: m, Order: order, Failing: Failing().IsMatch(m.Groups["rest"].Value), Since: SinceOf(m.Groups["rest"].Value)))
            .OrderByDescending(w => w.Failing).ThenBy(w => w.Since).ThenBy(w => w.Order)
            .Select(w => new Suspect(w.Row.Groups["ns"].Value, w.Row.Groups["name"].Value, null, w.Row.Groups["rest"].Value, false))
            .FirstOrDefault();

        // Without affected workloads, a NotReady node's first stranded pod.
        var pods = lines.SkipWhile(l => !l.StartsWith("PODS ", StringComparison.Ordinal)).Skip(1)
            .Select(l => PodRow().Match(l)).Where(m => m.Success).ToList();
        var pod = suspect is null ? pods.FirstOrDefault()
            : pods.FirstOrDefault(m => m.Groups["ns"].Value == suspect.Namespace && m.Groups["pod"].Value.StartsWith(suspect.Workload + "-", StringComparison.Ordinal));
        if (pod is null)
            return suspect;
        var restarts = int.TryParse(pod.Groups["restarts"].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var status = pod.Groups["status"].Value;
        return suspect is null
            ? new Suspect(pod.Groups["ns"].Value, WorkloadOf(pod.Groups["pod"].Value), pod.Groups["pod"].Value, status, restarts > 0)
            : suspect with { Pod = pod.Groups["pod"].Value, Restarted = restarts > 0, Reason = suspect.Reason + " " + status };
    }

    /// <summary><c>since 3h2m</c> as a duration; unknown sorts last.</summary>
    private static TimeSpan SinceOf(string row)
    {
        var match = Since().Match(row);
        if (!match.Success)
            return TimeSpan.MaxValue;
        var total = TimeSpan.Zero;
        foreach (Match part in AgePart().Matches(match.Groups["age"].Value))
        {
            var n = int.Parse(part.Groups["n"].Value, CultureInfo.InvariantCulture);
            total += part.Groups["unit"].Value switch { "d" => TimeSpan.FromDays(n), "h" => TimeSpan.FromHours(n), "m" => TimeSpan.FromMinutes(n), _ => TimeSpan.FromSeconds(n) };
        }

        return total;
    }

    /// <summary>A pod name without its ReplicaSet hash and suffix (or StatefulSet ordinal).</summary>
    private static string WorkloadOf(string pod)
    {
        var parts = pod.Split('-');
        return parts.Length >= 3 && parts[^1].Length == 5 && parts[^2].Length is >= 8 and <= 10 ? string.Join('-', parts[..^2])
            : parts.Length >= 2 && parts[^1].All(char.IsAsciiDigit) ? string.Join('-', parts[..^1])
            : pod;
    }

    internal sealed record FiringAlert(string Name, string? Expression, string? Service);

    /// <summary>The firing alert about the suspect's namespace or workload if there is one, else the first listed.</summary>
    public static FiringAlert? AlertOf(string answer, Suspect? suspect)
    {
        var rules = answer.Split('\n').Select(l => AlertRule().Match(l)).Where(m => m.Success).ToList();
        if (rules.Count == 0)
            return null;
        var chosen = suspect is null ? null : rules.FirstOrDefault(m => m.Groups["expr"].Value.Contains(suspect.Workload, StringComparison.Ordinal))
            ?? rules.FirstOrDefault(m => m.Groups["expr"].Value.Contains($"\"{suspect.Namespace}\"", StringComparison.Ordinal));
        chosen ??= rules[0];
        var expression = chosen.Groups["expr"].Value.Trim();
        var service = Service().Match(expression) is { Success: true } s ? s.Groups["service"].Value : null;
        return new FiringAlert(chosen.Groups["name"].Value, WithoutThreshold(expression), service);
    }

    /// <summary>
    /// The service of the first firing rule about failing or slow requests (an expression over a 5xx code or a request
    /// duration) and its namespace when the expression names one; null when no such rule fires.
    /// </summary>
    public static (string Service, string? Namespace)? SymptomService(string answer)
    {
        foreach (var (line, rule) in answer.Split('\n').Select(l => (l, AlertRule().Match(l))).Where(r => r.Item2.Success))
        {
            var expression = rule.Groups["expr"].Value;
            if (!RequestSymptom().IsMatch(expression) || Service().Match(line) is not { Success: true } service)
                continue;
            // The firing alert's labels, shown before the expression, or the expression's own matcher.
            var ns = NamespaceLabel().Match(line) is { Success: true } n ? n.Groups["ns"].Value : null;
            return (service.Groups["service"].Value, ns);
        }

        return null;
    }

    /// <summary><c>rate(x[5m]) &gt; 0.05</c> → <c>rate(x[5m])</c>: the series behind the alert, not the boolean.</summary>
    private static string WithoutThreshold(string expression)
    {
        var match = Threshold().Match(expression);
        return match.Success ? expression[..match.Index].Trim() : expression;
    }

    [GeneratedRegex(@"^\S+ saturated: .*?; heaviest pod (?<ns>[a-z0-9-]+)/(?<pod>[a-z0-9.-]+) (?<rest>.*)$")]
    private static partial Regex SaturatedNode();

    [GeneratedRegex(@"^(?<ns>[a-z0-9-]+)/(?:[A-Za-z]+/)?(?<name>[a-z0-9.-]+) (?<rest>.*)$")]
    private static partial Regex WorkloadRow();

    [GeneratedRegex(@"^(?<ns>[a-z0-9-]+)/(?<pod>[a-z0-9.-]+) \S+ (?<status>\S+) (?<restarts>\d+)")]
    private static partial Regex PodRow();

    [GeneratedRegex(@"\balert (?<name>[A-Za-z0-9_:]+): firing.* \| (?<expr>.+)$")]
    private static partial Regex AlertRule();

    [GeneratedRegex(@"CrashLoopBackOff|OOMKilled|Error|Completed|exit", RegexOptions.IgnoreCase)]
    private static partial Regex Failing();

    [GeneratedRegex(@"; since (?<age>[0-9dhms]+)")]
    private static partial Regex Since();

    [GeneratedRegex(@"(?<n>\d+)(?<unit>[dhms])")]
    private static partial Regex AgePart();

    [GeneratedRegex(@"\b(?:service|app|deployment|workload)=~?""(?<service>[a-z0-9-]+)""")]
    private static partial Regex Service();

    [GeneratedRegex(@"code=~?""5|_duration_seconds|5\.\.")]
    private static partial Regex RequestSymptom();

    [GeneratedRegex(@"\bnamespace=""(?<ns>[a-z0-9-]+)""")]
    private static partial Regex NamespaceLabel();

    [GeneratedRegex(@"\s(?:>|<|>=|<=|==|!=)\s*-?[0-9.e+]+\s*$")]
    private static partial Regex Threshold();
}

/// <summary>
/// The same walk with the community servers' closest tools: the Go kubernetes-mcp-server's pods_list (all
/// namespaces) → pods_log of the worst pod (previous run if it restarted) → events_list; prometheus-mcp's
/// instant query of the firing ALERTS → a range query of the first alert's name over 6 h. They have no runbooks
/// or deploy history.
/// </summary>
internal static partial class PeerInvestigator
{
    public static async Task WalkAsync(TriageWalk walk, McpClient? kubernetes, McpClient? prometheus, CancellationToken cancellationToken)
    {
        if (kubernetes is not null)
        {
            var pods = await walk.CallAsync(kubernetes, "pods_list", [], cancellationToken);
            if (WorstPod(pods.Text) is { } worst)
            {
                await walk.CallAsync(kubernetes, "pods_log", new() { ["namespace"] = worst.Namespace, ["name"] = worst.Name, ["previous"] = worst.Restarts > 0 }, cancellationToken);
            }

            await walk.CallAsync(kubernetes, "events_list", [], cancellationToken);
        }

        if (prometheus is not null)
        {
            var alerts = await walk.CallAsync(prometheus, "prometheus_query", new() { ["query"] = "ALERTS{alertstate=\"firing\"}" }, cancellationToken);
            var name = AlertName().Match(alerts.Text) is { Success: true } m ? m.Groups["name"].Value : null;
            if (name is not null)
            {
                var now = DateTimeOffset.UtcNow;
                await walk.CallAsync(prometheus, "prometheus_query_range", new()
                {
                    ["query"] = $"ALERTS{{alertname=\"{name}\"}}",
                    ["start"] = now.AddHours(-6).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                    ["end"] = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                    ["step"] = "300s",
                }, cancellationToken);
            }
        }
    }

    internal sealed record PodLine(string Namespace, string Name, string Status, int Restarts);

    /// <summary>From a table with NAMESPACE, NAME, STATUS and RESTARTS columns: the pod in trouble with most restarts.</summary>
    public static PodLine? WorstPod(string table)
    {
        var lines = table.Split('\n');
        var header = lines.FirstOrDefault(l => l.Contains("NAMESPACE", StringComparison.Ordinal) && l.Contains("STATUS", StringComparison.Ordinal));
        if (header is null)
            return null;
        var columns = header.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        int Column(string name) => columns.IndexOf(name);
        var (ns, name, status, restarts) = (Column("NAMESPACE"), Column("NAME"), Column("STATUS"), Column("RESTARTS"));
        var rows = new List<PodLine>();
        foreach (var line in lines.Where(l => l != header))
        {
            var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length < columns.Count || ns < 0 || name < 0 || status < 0)
                continue;
            var count = restarts >= 0 && int.TryParse(cells[restarts], NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 0;
            rows.Add(new PodLine(cells[ns], cells[name], cells[status], count));
        }

        return rows.Where(r => r.Status is not ("Running" or "Succeeded" or "Completed"))
            .OrderByDescending(r => r.Restarts).FirstOrDefault()
            ?? rows.OrderByDescending(r => r.Restarts).FirstOrDefault(r => r.Restarts > 0);
    }

    [GeneratedRegex(@"alertname[""']?\s*[:=]\s*[""']?(?<name>[A-Za-z0-9_]+)")]
    private static partial Regex AlertName();
}
