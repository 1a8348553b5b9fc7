using System.Globalization;
using Microsoft.Extensions.Options;
using SreSuite.ServiceDefaults.Http;

namespace SreSuite.IncidentTools.Runbooks;

/// <summary>The optional runbook API; its answers are parsed like files so they match and render the same way.</summary>
public sealed class RunbookApiBackend(IRunbookApi api, IOptions<RunbookApiOptions> options)
    : HttpBackend<IRunbookApi>(api, options.Value, "runbook API", RunbookApiOptions.Section, "RUNBOOK_API_URL")
{
    public override async Task<string> ProbeAsync(CancellationToken cancellationToken)
    {
        var health = await Api.HealthAsync(cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"runbook API ({health.Runbooks} runbooks)");
    }

    /// <summary>The API's runbooks for an alert (and service), with the parse problems of each.</summary>
    public async Task<IReadOnlyList<Runbook>> FindAsync(string? alert, string? service, ICollection<string> warnings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var found = await Api.FindAsync(alert, service, cancellationToken);
        return [.. found.Runbooks.Take(10).Select(entry =>
        {
            var source = entry.Url ?? $"{Url}/api/runbooks/{Uri.EscapeDataString(entry.Slug)}";
            var parsed = RunbookParser.Parse($"{entry.Slug}.md", source, entry.Markdown ?? string.Empty, warnings);
            return parsed with
            {
                Title = entry.Title ?? parsed.Title,
                Service = entry.Service ?? parsed.Service,
                Alerts = entry.Alerts ?? parsed.Alerts,
            };
        })];
    }
}
