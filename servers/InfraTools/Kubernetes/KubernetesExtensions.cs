using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.InfraTools.Kubernetes;

public static class KubernetesExtensions
{
    /// <summary>Binds the cluster settings, checks them at start and registers the connection and its health check.</summary>
    public static WebApplicationBuilder AddKubernetes(this WebApplicationBuilder builder)
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
            .ValidateSettingsOnStart(options => KubeconfigReader.Read(options));
        builder.Services.AddSingleton<KubernetesConnection>();
        builder.Services.AddHostedService<CredentialRegistration>();
        builder.Services.AddSingleton<PodQueries>();
        builder.Services.AddSingleton<ApiKinds>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks().AddCheck<KubernetesHealthCheck>("kubernetes");
        return builder;
    }

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
