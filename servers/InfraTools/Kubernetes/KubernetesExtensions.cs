using Microsoft.Extensions.Diagnostics.HealthChecks;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.InfraTools.Kubernetes;

public static class KubernetesExtensions
{
    /// <summary>Binds the cluster settings, checks them at start and registers the connection and its health check.</summary>
    public static IHostApplicationBuilder AddKubernetes(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        builder.Services.AddOptions<KubernetesOptions>()
            .Bind(configuration.GetSection(KubernetesOptions.Section))
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.Kubeconfig) && !string.IsNullOrWhiteSpace(configuration["KUBECONFIG"]))
                {
                    options.Kubeconfig = configuration["KUBECONFIG"];
                    options.KubeconfigSetting = "KUBECONFIG";
                }
            })
            .ValidateSettingsOnStart(options => KubeconfigReader.ReadAll(options));
        builder.Services.AddSingleton<KubernetesConnection>();
        if (HasCluster(configuration))
            builder.Services.AddSingleton(services => services.GetRequiredService<KubernetesConnection>().Selector!);
        builder.Services.AddHostedService<CredentialRegistration>();
        builder.Services.AddSingleton<PodQueries>();
        builder.Services.AddSingleton<ApiKinds>();
        builder.Services.AddSingleton(TimeProvider.System);
        var contexts = SettingLists.Names(configuration[$"{KubernetesOptions.Section}:Contexts"]);
        var health = builder.Services.AddHealthChecks();
        if (contexts.Count <= 1)
        {
            health.Add(new HealthCheckRegistration("kubernetes", services => new KubernetesHealthCheck(services.GetRequiredService<KubernetesConnection>()), null, null));
        }
        else
        {
            // One check per context, so /health says which cluster is unreachable.
            foreach (var context in contexts)
                health.Add(new HealthCheckRegistration($"kubernetes:{context}", services => new KubernetesHealthCheck(services.GetRequiredService<KubernetesConnection>(), context), null, null));
        }

        return builder;
    }

    /// <summary>Whether any cluster setting is present; without one there is no context to choose or to audit.</summary>
    private static bool HasCluster(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["KUBECONFIG"])
        || !string.IsNullOrWhiteSpace(configuration[$"{KubernetesOptions.Section}:Kubeconfig"])
        || configuration.GetValue<bool>($"{KubernetesOptions.Section}:InCluster");

    /// <summary>Creates the connection at start, which registers the kubeconfig's credentials with the redactor before any call.</summary>
    private sealed class CredentialRegistration(KubernetesConnection connection) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(connection);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
