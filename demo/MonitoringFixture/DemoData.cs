using SreSuite.Scenarios;

namespace SreSuite.MonitoringFixture;

/// <summary>Where the generated files of one demo data set are.</summary>
public sealed record DemoDataFiles(string Directory, string OpenMetrics, string PrometheusData, string PrometheusConfig, IReadOnlyList<string> Rules, string AlertmanagerConfig);

/// <summary>
/// Generates a scenario's monitoring data in a directory: its series as OpenMetrics history, a Prometheus data
/// directory filled by <c>promtool tsdb create-blocks-from openmetrics</c>, its rule files (checked by
/// <c>promtool check rules</c>), <c>prometheus.yml</c> and <c>alertmanager.yml</c>.
/// </summary>
public static class DemoData
{
    public static async Task<DemoDataFiles> GenerateAsync(string directory, Scenario scenario, MonitoringEndpoints endpoints, TimeSpan evaluationInterval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(endpoints);
        Directory.CreateDirectory(directory);
        var rules = scenario.RuleFiles.Select((_, i) => $"rules-{i + 1}.yml").ToList();
        var files = new DemoDataFiles(
            directory,
            Path.Combine(directory, "history.om.txt"),
            Path.Combine(directory, "prometheus-data"),
            Path.Combine(directory, "prometheus.yml"),
            [.. rules.Select(r => Path.Combine(directory, r))],
            Path.Combine(directory, "alertmanager.yml"));

        // The rule files first: a rule Prometheus would refuse stops the demo here with promtool's words, not later.
        var promtool = ManagedProcess.Require("prometheus", "promtool");
        for (var i = 0; i < scenario.RuleFiles.Count; i++)
        {
            try
            {
                await ManagedProcess.RunAsync(promtool, ["check", "rules", scenario.RuleFiles[i]], cancellationToken);
            }
            catch (InvalidOperationException ex)
            {
                throw new ScenarioFormatException(Path.GetRelativePath(scenario.Folder, scenario.RuleFiles[i]), "groups", $"Prometheus refuses the rules: {OneLine(ex.Message)}");
            }

            File.Copy(scenario.RuleFiles[i], files.Rules[i], overwrite: true);
        }

        await using (var writer = new StreamWriter(files.OpenMetrics, append: false, new System.Text.UTF8Encoding(false), bufferSize: 1 << 20))
            OpenMetricsHistory.Write(writer, scenario, ScenarioMetrics.For(scenario));

        if (Directory.Exists(files.PrometheusData))
            Directory.Delete(files.PrometheusData, recursive: true);
        Directory.CreateDirectory(files.PrometheusData);
        await ManagedProcess.RunAsync(promtool, ["tsdb", "create-blocks-from", "openmetrics", "--quiet", files.OpenMetrics, files.PrometheusData], cancellationToken);

        await File.WriteAllTextAsync(files.PrometheusConfig, MonitoringConfig.Prometheus(endpoints, evaluationInterval, rules), cancellationToken);
        await File.WriteAllTextAsync(files.AlertmanagerConfig, MonitoringConfig.Alertmanager(), cancellationToken);
        return files;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
