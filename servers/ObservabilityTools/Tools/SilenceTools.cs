using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.RegularExpressions;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SreSuite.ObservabilityTools.Alertmanager;
using SreSuite.ObservabilityTools.Analysis;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.ObservabilityTools.Tools;

[McpServerToolType]
public sealed partial class SilenceTools(AlertmanagerBackend alertmanager, AnswerBudgets budgets, SreServerInfo info, WriteConfirmation confirmation)
{
    private const int MaxCommentLength = 1000;

    [McpServerTool(Name = "am_create_silence", Title = "Alertmanager: Create silence", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true)]
    [Description("Create a silence for matching alerts, for a capped duration. Needs a name=\"value\" matcher and a comment; creator is the caller.")]
    public async Task<string> CreateSilenceAsync(
        [Description("e.g. alertname=\"X\", service=\"y\""), StringLength(1000)] string matchers,
        [Description("e.g. 2h"), StringLength(20)] string duration,
        [Description("Why (incident or change id)"), StringLength(MaxCommentLength)] string comment,
        RequestContext<CallToolRequestParams> request,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default)
    {
        var parsed = AlertMatchers.Parse(matchers, "matchers");
        if (!parsed.Any(m => m.IsPinning))
            throw new ToolInputException("matchers", "needs at least one equality matcher with a value, e.g. alertname=\"PaymentsApiHighErrorRate\"; regex or negative matchers alone could silence everything.");
        if (!PromDuration.TryParse(duration, out var length))
            throw new ToolInputException("duration", $"'{duration}' is not a duration; use e.g. 30m or 2h.");
        if (length > alertmanager.MaxSilence)
            throw new ToolInputException("duration", $"{PromDuration.Format(length)} is longer than this server allows ({PromDuration.Format(alertmanager.MaxSilence)}, set by Alertmanager__MaxSilenceDuration); silence for less and extend it later if needed.");
        var reason = UntrustedText.Sanitize(comment).Trim();
        if (reason.Length == 0)
            throw new ToolInputException("comment", "is required: say why, e.g. \"INC-1234: payments-api rollback in progress\".");
        if (reason.Length > MaxCommentLength)
            throw new ToolInputException("comment", $"is longer than {MaxCommentLength} characters.");

        var creator = CallerIdentity.Subject(user, info.Transport);
        await confirmation.ConfirmAsync(request, "am_create_silence", UntrustedText.Line(
            $"create a silence for {AlertMatchers.Format(parsed)} lasting {PromDuration.Format(length)} from when you confirm, comment \"{reason}\", created by {creator}; matching alerts stop notifying until it ends."), cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var silence = new PostableSilence(
            [.. parsed.Select(m => new SilenceMatcher(m.Name, m.Value, m.IsRegex, m.IsEqual))], now, now + length, creator, reason);
        var created = await alertmanager.CallAsync(api => api.CreateSilenceAsync(silence, cancellationToken), "matchers", cancellationToken);
        var filter = parsed.Select(m => m.ToString()).ToList();
        var matching = await alertmanager.CallAsync(api => api.GetAlertsAsync(filter, true, true, true, cancellationToken), "matchers", cancellationToken);

        var answer = budgets.Start("am_create_silence");
        answer.AppendLine(UntrustedText.Line(
            $"created silence {created.SilenceId} for {AlertMatchers.Format(parsed)} from {Ages.Timestamp(now)} until {Ages.Timestamp(now + length)} ({PromDuration.Format(length)}), created by {creator}"));
        var names = matching.Select(a => a.Labels?.GetValueOrDefault("alertname") ?? "(unnamed)").GroupBy(n => n, StringComparer.Ordinal)
            .Select(g => $"{UntrustedText.Line(g.Key)} x{g.Count()}").ToList();
        answer.AppendLine(matching.Count == 0
            ? "it matches no alert right now; it will silence matching alerts that fire before it ends."
            : $"it matches {Counts.Of(matching.Count, "alert")} now: {string.Join(", ", names)}");
        answer.AppendLine($"undo with am_expire_silence silence_id={UntrustedText.Line(created.SilenceId)}");
        return answer.ToString();
    }

    [McpServerTool(Name = "am_expire_silence", Title = "Alertmanager: Expire silence", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true)]
    [Description("Expire a silence by id so its alerts notify again.")]
    public async Task<string> ExpireSilenceAsync(
        [Description("Id from am_silences"), RegularExpression("^[0-9a-fA-F-]{36}$")] string silence_id,
        RequestContext<CallToolRequestParams> request,
        CancellationToken cancellationToken = default)
    {
        var id = silence_id?.Trim() ?? string.Empty;
        if (!SilenceId().IsMatch(id))
            throw new ToolInputException("silence_id", $"'{id}' is not a silence id; ids look like 2c3c2f0e-8a8b-4c1e-9a38-3f5b8e1b7d21 (see am_silences).");
        var notFound = $"Alertmanager has no silence {id}; list silences with am_silences state=all.";
        var silence = await alertmanager.CallAsync(api => api.GetSilenceAsync(id, cancellationToken), "silence_id", cancellationToken, notFound);
        var now = ToolClock.Now();
        var answer = budgets.Start("am_expire_silence");
        if (silence.Status?.State == "expired")
        {
            answer.AppendLine($"silence {id} had already expired; nothing changed.");
            answer.AppendLine(SilenceFormatting.Block(answer.Fence, silence, now));
            return answer.ToString();
        }

        await confirmation.ConfirmAsync(request, "am_expire_silence", UntrustedText.Line(
            $"expire silence {id} ({silence.Status?.State ?? "unknown"}, {AlertMatchers.Format(SilenceFormatting.Matchers(silence))}, ends {(silence.EndsAt is { } ends ? Ages.Timestamp(ends) : "-")}); the alerts it matches notify again."), cancellationToken);
        await alertmanager.CallAsync(async api =>
        {
            await api.ExpireSilenceAsync(id, cancellationToken);
            return true;
        }, "silence_id", cancellationToken, notFound);
        answer.AppendLine($"expired silence {id} (was {UntrustedText.Line(silence.Status?.State ?? "unknown")}); the alerts it matched notify again:");
        answer.AppendLine(SilenceFormatting.Block(answer.Fence, silence with { Status = new SilenceStatus("expired"), EndsAt = now }, now));
        return answer.ToString();
    }

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex SilenceId();
}
