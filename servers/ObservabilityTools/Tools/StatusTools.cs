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
        if (prometheusSources.Selector is { } prometheusChoice)
        {
            report.Add("prometheus sources", $"{string.Join(", ", prometheusChoice.Names)}; default {prometheusChoice.Default}{(prometheusChoice.IsChoice ? "; pass source=<name> to prom_ tools" : "")}");
            foreach (var (name, source) in prometheusSources.All)
                await DescribeAsync(report, $"prometheus {name}", source, source.Auth, cancellationToken);
        }
        else
        {
            await DescribeAsync(report, "prometheus", prometheus, prometheus.Auth, cancellationToken);
        }

        if (alertmanagerSources.Selector is { } alertmanagerChoice)
        {
            report.Add("alertmanager sources", $"{string.Join(", ", alertmanagerChoice.Names)}; default {alertmanagerChoice.Default}{(alertmanagerChoice.IsChoice ? "; pass source=<name> to am_ tools" : "")}");
            foreach (var (name, source) in alertmanagerSources.All)
                await DescribeAsync(report, $"alertmanager {name}", source, source.Auth, cancellationToken);
        }
        else
        {
            await DescribeAsync(report, "alertmanager", alertmanager, alertmanager.Auth, cancellationToken);
        }

        if (alertmanager.Url is not null)
            report.Add("max silence", PromDuration.Format(alertmanager.MaxSilence));
        return report.ToString();
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
