namespace SreSuite.MonitoringFixture;

/// <summary>Where the generated files of one demo data set are.</summary>
public sealed record DemoDataFiles(string Directory, string OpenMetrics, string PrometheusData, string PrometheusConfig, string Rules, string AlertmanagerConfig);

/// <summary>
/// Generates the demo's monitoring data in a directory: OpenMetrics history, a Prometheus data directory filled
/// by <c>promtool tsdb create-blocks-from openmetrics</c>, the rules file, <c>prometheus.yml</c> and
/// <c>alertmanager.yml</c>.
/// </summary>
public static class DemoData
{
    public static async Task<DemoDataFiles> GenerateAsync(string directory, DemoStory story, MonitoringEndpoints endpoints, TimeSpan evaluationInterval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(story);
        ArgumentNullException.ThrowIfNull(endpoints);
        Directory.CreateDirectory(directory);
        var files = new DemoDataFiles(
            directory,
            Path.Combine(directory, "history.om.txt"),
            Path.Combine(directory, "prometheus-data"),
            Path.Combine(directory, "prometheus.yml"),
            Path.Combine(directory, MonitoringConfig.RulesFile),
            Path.Combine(directory, "alertmanager.yml"));

        await using (var writer = new StreamWriter(files.OpenMetrics, append: false, new System.Text.UTF8Encoding(false), bufferSize: 1 << 20))
            OpenMetricsHistory.Write(writer, story, DemoMetrics.For(story));

        if (Directory.Exists(files.PrometheusData))
            Directory.Delete(files.PrometheusData, recursive: true);
        Directory.CreateDirectory(files.PrometheusData);
        await ManagedProcess.RunAsync(ManagedProcess.Require("prometheus", "promtool"),
            ["tsdb", "create-blocks-from", "openmetrics", "--quiet", files.OpenMetrics, files.PrometheusData], cancellationToken);

        await File.WriteAllTextAsync(files.Rules, MonitoringConfig.Rules(), cancellationToken);
        await File.WriteAllTextAsync(files.PrometheusConfig, MonitoringConfig.Prometheus(endpoints, evaluationInterval), cancellationToken);
        await File.WriteAllTextAsync(files.AlertmanagerConfig, MonitoringConfig.Alertmanager(), cancellationToken);
        return files;
    }
}
