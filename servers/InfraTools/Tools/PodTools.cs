using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using k8s;
using k8s.Models;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SreSuite.InfraTools.Kubernetes;
using SreSuite.InfraTools.Triage;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Mcp;

namespace SreSuite.InfraTools.Tools;

[McpServerToolType]
public sealed class PodTools(KubernetesConnection kube, PodQueries queries, AnswerBudgets budgets, TimeProvider time, SecretScrubber scrubber)
{
    [McpServerTool(Name = "k8s_list_pods", Title = "Pods: List", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("List pods as rows: ready, status, restarts, last exit, age, node. Paged.")]
    [StructuredOutput("pods", "continue", "matched")]
    public async Task<CallToolResult> ListPodsAsync(
        [Description(Arguments.NamespaceHelp), StringLength(63)] string @namespace = "",
        [Description("e.g. app=web"), StringLength(500)] string label_selector = "",
        [Description("e.g. spec.nodeName=n1, status.podIP=10.0.0.5"), StringLength(300)] string field_selector = "",
        [Description("Phase, or unhealthy"), AllowedValues("all", "unhealthy", "running", "pending", "failed", "succeeded")] string status = "all",
        [Description("Page size"), Range(1, 500)] int limit = 100,
        [Description("Next-page token"), StringLength(2000)] string @continue = "",
        [Description("Add pod IPs")] bool wide = false,
        CancellationToken cancellationToken = default)
    {
        var ns = Arguments.NamespaceOf(kube, @namespace);
        var now = time.GetUtcNow();
        var (answer, data) = budgets.StartStructured("k8s_list_pods");
        var labels = label_selector.Length == 0 ? null : label_selector;
        var fields = field_selector.Length == 0 ? null : field_selector;
        var token = @continue.Length == 0 ? null : @continue;
        var narrow = "pass label_selector, status=unhealthy or a smaller limit";
        var showProblem = status == "unhealthy";
        string Row(PodSummary pod) => PodRows.Format(pod, now, ns is null, showProblem, wide);
        var selection = UntrustedText.Line(Arguments.Scope(ns)
            + (labels is null ? "" : $", label_selector={labels}")
            + (fields is null ? "" : $", field_selector={fields}")
            + (status is "all" or "unhealthy" ? "" : $", status={status}"), 900);

        List<PodSummary> pods;
        string? next = null;
        long? remaining = null;
        string? headline;
        PodSelection? whole = null;
        Func<int, Task<V1PodList>>? shorterPage = null;
        if (status == "unhealthy")
        {
            if (token is not null)
                throw new ToolInputException("continue", "cannot be combined with status=unhealthy, which already reads every page; drop continue.");
            var (all, truncated) = await queries.AllAsync(ns, labels, fields, cancellationToken);
            var summaries = all.Select(p => PodSummary.From(p, now)).ToList();
            var attention = summaries.Where(p => p.Problem is not null).ToList();
            pods = [.. attention.Take(limit)];
            headline = string.Create(CultureInfo.InvariantCulture,
                $"{Arguments.Scope(ns)}: {attention.Count} of {summaries.Count} pods need attention{(truncated ? " (the first 20000 read)" : "")}");
            if (pods.Count < attention.Count || !Fits(pods))
                whole = PodSelection.Of(all, truncated, now);
        }
        else
        {
            var phase = status == "all" ? null : $"status.phase={char.ToUpperInvariant(status[0])}{status[1..]}";
            var selector = string.Join(',', new[] { fields, phase }.Where(s => !string.IsNullOrEmpty(s)));
            var serverFields = selector.Length == 0 ? null : selector;
            var page = await queries.PageAsync(ns, labels, serverFields, limit, token, cancellationToken);
            pods = [.. (page.Items ?? []).Select(p => PodSummary.From(p, now))];
            next = page.Metadata?.ContinueProperty;
            remaining = page.Metadata?.RemainingItemCount;
            shorterPage = size => queries.PageAsync(ns, labels, serverFields, size, token, cancellationToken);
            var byStatus = pods.GroupBy(p => p.Status).OrderByDescending(g => g.Count()).Select(g => $"{PodRows.Word(g.Key)} {g.Count()}");
            var attention = pods.Count(p => p.Problem is not null);
            headline = string.Create(CultureInfo.InvariantCulture,
                $"{Arguments.Scope(ns)}: {Counts.Of(pods.Count, "pod")}{(token is null ? "" : " (continued; the first page, without continue, sums up the whole selection)")} ({string.Join(", ", byStatus)}){(attention > 0 ? $"; {attention} need attention" : "")}");
            // The first page of a longer list leads with the whole selection: one unpaged read, only when there is more.
            if (token is null && next is not null)
            {
                var (all, truncated) = await queries.OneListAsync(ns, labels, serverFields, cancellationToken);
                whole = PodSelection.Of(all, truncated, now);
            }
            else if (token is null && !Fits(pods))
            {
                whole = PodSelection.Of([.. page.Items ?? []], truncated: false, now);
            }
        }

        if (whole is null)
        {
            answer.AppendLine(headline);
        }
        else
        {
            // The summary and its headers are kept whole; the workload rows shrink, then the pod rows give way.
            answer.AppendLine(whole.Headline(selection));
            foreach (var line in whole.AttentionLines())
                answer.AppendLine(line);
            IReadOnlyList<AffectedWorkload> shownWorkloads = [];
            if (whole.Workloads.Count > 0)
            {
                var podsReserve = AnswerBuilder.SizeOf([PodsHeader(whole, pods.Count, showProblem), wide ? PodRows.WideHeader : PodRows.Header])
                    + AnswerBuilder.SizeOf(pods.Take(MinimumRows).Select(Row)) + ContinueNoteBytes(next) + AnswerBuilder.SectionBytes("", "pods", narrow);
                var (inOrder, shown) = AffectedWorkload.AppendSection(answer, whole.WorkloadsHeader, whole.Workloads, "pass namespace or label_selector", podsReserve, now);
                shownWorkloads = [.. inOrder.Take(shown)];
            }

            data.Set("matched", whole.Json(shownWorkloads));
        }

        if (pods.Count == 0)
        {
            data.AddRows("pods", pods, 0, PodRows.Json);
            return data.Result(answer.AppendLine("no pods match.").ToString());
        }

        // A page whose rows do not all fit is read again, shorter: its continue token then starts at the first pod not
        // shown, so paging with continue names every pod however long the summary before the rows.
        var room = answer.RemainingBytes - AnswerBuilder.SizeOf([PodsHeader(whole, pods.Count, showProblem), wide ? PodRows.WideHeader : PodRows.Header]);
        var fitting = next is null && RowsThatFit(pods.Select(Row), room) == pods.Count ? pods.Count : RowsThatFit(pods.Select(Row), room - ContinueNoteBytes(next));
        if (shorterPage is not null && fitting > 0 && fitting < pods.Count)
        {
            var shorter = await shorterPage(fitting);
            pods = [.. (shorter.Items ?? []).Select(p => PodSummary.From(p, now))];
            next = shorter.Metadata?.ContinueProperty;
            remaining = shorter.Metadata?.RemainingItemCount;
        }

        if (whole is not null)
            answer.AppendLine(PodsHeader(whole, pods.Count, showProblem));
        answer.AppendLine(wide ? PodRows.WideHeader : PodRows.Header);
        var written = answer.AppendRows(pods, Row, "pods", narrow);
        data.AddRows("pods", pods, written, pod => PodRows.Json(pod, wide));
        if (next is not null && written == pods.Count)
        {
            var more = remaining is { } count ? string.Create(CultureInfo.InvariantCulture, $"{count} more pods") : "more pods";
            answer.Note($"{more}: call again with continue={UntrustedText.Line(next)}");
            data.Set("continue", next);
        }

        return data.Result(answer.ToString());

        // Whether the rows, their header and a headline fit the answer as one page.
        bool Fits(IReadOnlyList<PodSummary> rows) =>
            AnswerBuilder.SizeOf(rows.Select(Row)) + AnswerBuilder.SizeOf([PodRows.WideHeader, headline ?? ""]) + HeadlineBytes <= answer.RemainingBytes;
    }

    /// <summary>Pod rows kept free below a selection's summary: its workloads shrink to leave them.</summary>
    private const int MinimumRows = 20;

    /// <summary>Room for a headline not yet written (the whole selection's, with its statuses).</summary>
    private const int HeadlineBytes = 200;

    private static string PodsHeader(PodSelection? whole, int rows, bool needingAttention) => whole is null
        ? ""
        : needingAttention
            ? string.Create(CultureInfo.InvariantCulture, $"PODS NEEDING ATTENTION ({(rows < whole.NeedAttention ? $"the first {rows} of " : "")}{whole.NeedAttention}, by namespace and name):")
            : string.Create(CultureInfo.InvariantCulture, $"PODS ON THIS PAGE ({rows} of {whole.Total}, by namespace and name):");

    /// <summary>The bytes of the closing "N more pods: call again with continue=…" note, for a token of this length (a real API server's run to a few hundred characters).</summary>
    private static int ContinueNoteBytes(string? next) => 64 + Math.Max(next?.Length ?? 0, 400);

    private static int RowsThatFit(IEnumerable<string> rows, int room)
    {
        var count = 0;
        foreach (var row in rows)
        {
            room -= AnswerBuilder.SizeOf([UntrustedText.Line(row)]);
            if (room < 0)
                break;
            count++;
        }

        return count;
    }

    [McpServerTool(Name = "k8s_pod_logs", Title = "Pods: Read logs", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Read a container log tail; long logs as counted templates, errors first, then last lines.")]
    public async Task<string> PodLogsAsync(
        [Description("Pod, or deploy/name (its worst pod)"), StringLength(253)] string pod,
        [Description(Arguments.NamespaceDefault), StringLength(63)] string @namespace = "",
        [Description("Default: failing one"), StringLength(63)] string container = "",
        [Description("Last N lines"), Range(1, 2000)] int tail_lines = 200,
        [Description("e.g. 15m, 2h"), StringLength(8)] string since = "",
        [Description("Previous (crashed) run")] bool previous = false,
        [Description("Regex to keep"), StringLength(200)] string grep = "",
        [Description("Regex to drop"), StringLength(200)] string exclude = "",
        RequestContext<CallToolRequestParams>? context = null,
        CancellationToken cancellationToken = default)
    {
        var ns = Arguments.NamespaceOf(kube, @namespace, allowAll: false)!;
        var chosenFrom = "";
        if (pod.Contains('/', StringComparison.Ordinal))
            (pod, chosenFrom) = await PodOfWorkloadAsync(pod, ns, cancellationToken);
        Arguments.Name("pod", pod);
        var wanted = Arguments.OptionalName("container", container);
        var include = LogPattern.Parse("grep", grep);
        var drop = LogPattern.Parse("exclude", exclude);
        var window = since.Length == 0 ? (TimeSpan?)null : Lookback.Parse(since) ?? throw new ToolInputException("since", $"'{since}' is not a window; use e.g. 30s, 15m, 2h or 1d.");
        if (window > TimeSpan.FromDays(30))
            throw new ToolInputException("since", "is longer than 30d; container logs do not reach that far back.");

        var target = await kube.Client.CoreV1.ReadNamespacedPodAsync(pod, ns, cancellationToken: cancellationToken);
        var name = ChooseContainer(target, wanted);
        var status = target.Status?.ContainerStatuses?.FirstOrDefault(s => s.Name == name);
        string text;
        try
        {
            using var stream = await kube.Client.CoreV1.ReadNamespacedPodLogAsync(
                pod, ns, container: name, previous: previous, sinceSeconds: window is { } w ? (int)w.TotalSeconds : null,
                tailLines: tail_lines, timestamps: true, cancellationToken: cancellationToken);
            using var reader = new StreamReader(stream);
            text = await reader.ReadToEndAsync(cancellationToken);
        }
        catch (ToolFailureException ex) when (ex.InnerException is KubernetesStatusException { Code: 400 })
        {
            throw new ToolFailureException($"{ex.Message} — no log to read; k8s_events with object=pod/{pod} says why.", ex);
        }

        // Scrubbed whole before any line is picked: a secret that spans lines (a PEM key block) is only recognisable
        // while its lines are together, and the answer shows templates and the tail apart.
        var digest = LogDigest.Build(scrubber.Scrub(text), include, drop, ToolDeadline.Of(context), cancellationToken);
        var now = time.GetUtcNow();
        var answer = budgets.Start("k8s_pod_logs");
        var run = previous ? "previous run" : status?.State?.Waiting?.Reason == "CrashLoopBackOff" ? "last run before the crash (previous=true: the run before)" : "current run";
        var range = digest.First is { } first ? $", {first:HH:mm:ss}Z–{digest.Last:HH:mm:ss}Z" : "";
        var filtered = include is null && drop is null ? "" : string.Create(CultureInfo.InvariantCulture, $", {digest.Matched} match the filters");
        answer.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"logs of {ns}/{pod} container {UntrustedText.Line(name)} ({run}): {digest.Total} lines{filtered}{range}{chosenFrom}"));
        answer.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"container: {PodRows.Word(PodSummary.StatusOf(target))}, restarts {status?.RestartCount ?? 0}{LastTermination(status, now)}"));
        if (digest.Lines.Count == 0)
            return answer.AppendLine(digest.Total == 0 ? "the log is empty for this window." : "no line matches the filters.").ToString();
        if (MountedFilesNamed(target, name, text) is { Length: > 0 } mounted)
            answer.AppendLine(UntrustedText.Line($"files the log names come from: {mounted}", 400));
        LogAnswer.Write(answer, digest, $"logs of pod {ns}/{pod} container {name}", "pass grep, exclude, since or a smaller tail_lines");
        return answer.ToString();
    }

    /// <summary>
    /// <c>deploy/checkout-api</c> (as <c>kubectl logs</c> takes it): the workload's pod in most trouble (not ready, then
    /// most restarts), else its first; an alert names a service or deployment, rarely a pod.
    /// </summary>
    private async Task<(string Pod, string Note)> PodOfWorkloadAsync(string text, string ns, CancellationToken cancellationToken)
    {
        var (kind, name) = Arguments.Workload("pod", text, "deployment", "statefulset", "daemonset", "replicaset");
        var selector = kind switch
        {
            "deployment" => (await kube.Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: cancellationToken)).Spec?.Selector,
            "statefulset" => (await kube.Client.AppsV1.ReadNamespacedStatefulSetAsync(name, ns, cancellationToken: cancellationToken)).Spec?.Selector,
            "daemonset" => (await kube.Client.AppsV1.ReadNamespacedDaemonSetAsync(name, ns, cancellationToken: cancellationToken)).Spec?.Selector,
            _ => (await kube.Client.AppsV1.ReadNamespacedReplicaSetAsync(name, ns, cancellationToken: cancellationToken)).Spec?.Selector,
        };
        var labels = Workloads.SelectorText(selector);
        if (labels.Length == 0)
            throw new ToolInputException("pod", $"{kind} {ns}/{name} has no pod selector; pass one of its pods by name.");
        var pods = (await kube.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: labels, cancellationToken: cancellationToken)).Items ?? [];
        var chosen = pods
            .OrderBy(p => p.Status?.ContainerStatuses?.All(c => c.Ready) == true ? 1 : 0)
            .ThenByDescending(p => p.Status?.ContainerStatuses?.Sum(c => c.RestartCount) ?? 0)
            .ThenBy(p => p.Metadata?.Name, StringComparer.Ordinal)
            .FirstOrDefault()
            ?? throw new ToolInputException("pod", $"{kind} {ns}/{name} has no pods to read (scaled to 0, or none scheduled yet); k8s_describe_workload workload={Arguments.ShortKind(kind)}/{name} says why.");
        return (chosen.Metadata?.Name ?? "", string.Create(CultureInfo.InvariantCulture, $"; chosen of {kind} {name}'s {Counts.Of(pods.Count, "pod")} (not ready, then most restarts first)"));
    }

    /// <summary>
    /// The container's mounts whose path the log mentions, with the ConfigMap, Secret or claim behind each
    /// (<c>/etc/pricing &lt;- configmap pricing-rules</c>): a process that cannot parse a file names the path, and the
    /// object to look at is the one mounted there.
    /// </summary>
    private static string MountedFilesNamed(V1Pod pod, string container, string log)
    {
        var mounts = pod.Spec?.Containers?.FirstOrDefault(c => c.Name == container)?.VolumeMounts ?? [];
        return string.Join("; ", mounts
            .Where(m => m.MountPath is { Length: > 1 } path && log.Contains(path.TrimEnd('/') + "/", StringComparison.Ordinal))
            .Select(m => (m.MountPath, Source: Workloads.VolumeSource(pod.Spec?.Volumes?.FirstOrDefault(v => v.Name == m.Name))))
            .Where(m => m.Source is not null)
            .Select(m => $"{m.MountPath} <- {m.Source}"));
    }

    private static string LastTermination(V1ContainerStatus? status, DateTimeOffset now) =>
        status?.LastState?.Terminated is { } last
            ? string.Create(CultureInfo.InvariantCulture, $", last termination {PodRows.Word(last.Reason)} exit {last.ExitCode} {Ages.Since(last.FinishedAt, now)} ago")
            : "";

    /// <summary>The caller's container, else kubectl's default-container annotation, else the one in trouble, else the first.</summary>
    private static string ChooseContainer(V1Pod pod, string? requested)
    {
        var names = pod.Spec?.Containers?.Select(c => c.Name).ToList() ?? [];
        if (requested is not null)
        {
            return names.Contains(requested)
                ? requested
                : throw new ToolInputException("container", UntrustedText.Line($"pod {pod.Metadata?.Name} has no container '{requested}'; it has: {string.Join(", ", names)}."));
        }

        if (pod.Metadata?.Annotations?.TryGetValue("kubectl.kubernetes.io/default-container", out var annotated) == true && names.Contains(annotated))
            return annotated;
        var troubled = pod.Status?.ContainerStatuses?
            .Where(s => !s.Ready || s.RestartCount > 0)
            .OrderByDescending(s => s.RestartCount)
            .Select(s => s.Name)
            .FirstOrDefault();
        return troubled ?? names.FirstOrDefault() ?? throw new ToolFailureException($"pod {UntrustedText.Line(pod.Metadata?.Name)} has no containers.");
    }
}
