using System.Globalization;
using System.Text.Json.Nodes;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Triage;

/// <summary>One line per pod, the columns of <c>kubectl get pods</c> plus the last termination.</summary>
public static class PodRows
{
    public const string Header = "NAME READY STATUS RESTARTS LAST-TERMINATION(reason(exit),ago) AGE NODE";

    /// <summary>The header of <c>wide</c> rows: the pod IP after the node, as <c>kubectl get pods -o wide</c> shows it.</summary>
    public const string WideHeader = Header + " IP";

    /// <summary>
    /// One row; with <paramref name="showProblem"/> the status carries the problem when the status alone hides it,
    /// e.g. <c>Running(OOMKilled)</c> or <c>Pending(Unschedulable)</c>.
    /// </summary>
    public static string Format(PodSummary pod, DateTimeOffset now, bool withNamespace, bool showProblem = false, bool wide = false)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var name = UntrustedText.Line(withNamespace ? $"{pod.Namespace}/{pod.Name}" : pod.Name);
        var last = pod.LastTermination is null ? "-" : $"{Word(pod.LastTermination)},{Ages.Since(pod.LastTerminationAt, now)}";
        var status = Word(pod.Status);
        if (showProblem && pod.Problem is { } problem && !problem.StartsWith(pod.Status, StringComparison.Ordinal))
            status = $"{status}({Word(problem)})";
        else if (showProblem && pod.Problem is { } shown && shown != pod.Status)
            status = Word(shown);
        return string.Create(CultureInfo.InvariantCulture,
            $"{name} {pod.Ready}/{pod.Containers} {status} {pod.Restarts} {last} {Ages.Since(pod.Created, now)} {UntrustedText.Line(pod.Node ?? "-")}{(wide ? " " + Word(pod.Ip) : "")}");
    }

    /// <summary>One pod for <c>structuredContent</c> (ns, name, ready, status, restarts, node, problem): the columns of <see cref="Format"/>, times left to the text.</summary>
    public static JsonObject Json(PodSummary pod) => Json(pod, wide: false);

    /// <summary>As <see cref="Json(PodSummary)"/>, with the pod IP (<c>ip</c>) when the text shows it (<paramref name="wide"/>).</summary>
    public static JsonObject Json(PodSummary pod, bool wide)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return StructuredAnswer.Row(
            ("ns", pod.Namespace), ("name", pod.Name),
            ("ready", string.Create(CultureInfo.InvariantCulture, $"{pod.Ready}/{pod.Containers}")),
            ("status", pod.Status), ("restarts", pod.Restarts), ("node", pod.Node), ("problem", pod.Problem),
            ("ip", wide ? pod.Ip : null));
    }

    /// <summary>A value from the cluster made safe for a space-separated column: one line, no spaces, at most 49 characters.</summary>
    public static string Word(string? value) => UntrustedText.Line(value, 49, empty: "-").Replace(' ', '_');
}
