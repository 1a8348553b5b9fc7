using System.ComponentModel;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SreSuite.ObservabilityTools.Alertmanager;
using SreSuite.ObservabilityTools.Analysis;
using SreSuite.ObservabilityTools.Backends;
using SreSuite.ObservabilityTools.Prometheus;
using SreSuite.ServiceDefaults.Guardrails;
using SreSuite.ServiceDefaults.Hosting;
using SreSuite.ServiceDefaults.Http;
using SreSuite.ServiceDefaults.Mcp;

namespace SreSuite.ObservabilityTools.Tools;

[McpServerToolType]
public sealed class StatusTools(
    PrometheusBackend prometheus, AlertmanagerBackend alertmanager, NamedSources<PrometheusBackend> prometheusSources,
    NamedSources<AlertmanagerBackend> alertmanagerSources, SreServerInfo info, IOptions<ToolPolicyOptions> policy)
{
    [McpServerTool(Name = "prom_status", Title = "Prometheus: Show status", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Show which Prometheus and Alertmanager this server queries (URL, version, auth, tenant) and whether write tools are on. Call first.")]
    public async Task<string> GetStatusAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var report = StatusReport.For(info, request, policy.Value);
        await DescribeSourcesAsync<IPrometheusApi, PrometheusBackend>(report, "prometheus", "prom_", prometheus, prometheusSources, static backend => backend.Auth, cancellationToken);
        await DescribeSourcesAsync<IAlertmanagerApi, AlertmanagerBackend>(report, "alertmanager", "am_", alertmanager, alertmanagerSources, static backend => backend.Auth, cancellationToken);

        if (alertmanager.Url is not null)
            report.Add("max silence", PromDuration.Format(alertmanager.MaxSilence));
        return report.ToString();
    }

    /// <summary>The named sources, each described, when any are configured; otherwise the one backend.</summary>
    private static async Task DescribeSourcesAsync<TApi, TBackend>(
        StatusReport report, string kind, string toolPrefix, TBackend single, NamedSources<TBackend> sources, Func<TBackend, BackendAuth> auth, CancellationToken cancellationToken)
        where TApi : class
        where TBackend : HttpBackend<TApi>
    {
        if (sources.Selector is not { } choice)
        {
            await DescribeAsync(report, kind, single, auth(single), cancellationToken);
            return;
        }

        report.Add($"{kind} sources", $"{string.Join(", ", choice.Names)}; default {choice.Default}{(choice.IsChoice ? $"; pass source=<name> to {toolPrefix} tools" : "")}");
        foreach (var (name, source) in sources.All)
            await DescribeAsync(report, $"{kind} {name}", source, auth(source), cancellationToken);
    }

    private static async Task DescribeAsync<TApi>(StatusReport report, string key, HttpBackend<TApi> backend, BackendAuth auth, CancellationToken cancellationToken)
        where TApi : class
    {
        if (backend.Url is null)
        {
            report.Add(key, backend.NotConfiguredMessage);
            return;
        }

        report.Add(key, $"{backend.Url} (from {backend.UrlSetting})");
        report.Add($"{key} auth", auth.Describe());
        if (auth.TenantId is not null)
            report.Add($"{key} tenant", $"{BackendAuth.TenantHeader}: {auth.TenantId}");
        report.Add($"{key} version", await StatusProbe.DescribeAsync(backend, cancellationToken));
    }
}
