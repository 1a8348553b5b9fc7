using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Refit;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.ServiceDefaults.Http;

public static class HttpBackendExtensions
{
    /// <summary>
    /// Registers an HTTP backend reached through a Refit client: binds <typeparamref name="TOptions"/> from
    /// <paramref name="section"/> (falling back to the conventional <paramref name="urlVariable"/>), checks the URL at
    /// start, and adds the backend and its health check. Returns the client builder for auth handlers.
    /// </summary>
    /// <param name="bind">
    /// Binds the section onto the options, written at the call site as <c>(options, settings) =&gt; settings.Bind(options)</c>:
    /// there the options have their concrete type, which the configuration-binding source generator needs
    /// (it cannot bind a generic type parameter, and Native AOT has no reflection-based binder).
    /// </param>
    public static IHttpClientBuilder AddHttpBackend<
        TApi,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TBackend>(
        this IHostApplicationBuilder builder, string section, string urlVariable, JsonSerializerContext json, Action<TOptions, IConfiguration> bind)
        where TApi : class
        where TOptions : HttpBackendOptions
        where TBackend : HttpBackend<TApi>
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(bind);
        var configuration = builder.Configuration;
        builder.Services.AddOptions<TOptions>()
            .Configure(options => bind(options, configuration.GetSection(section)))
            .PostConfigure(options =>
            {
                options.UrlSetting = $"{section}__Url";
                if (string.IsNullOrWhiteSpace(options.Url) && !string.IsNullOrWhiteSpace(configuration[urlVariable]))
                {
                    options.Url = configuration[urlVariable];
                    options.UrlSetting = urlVariable;
                }
            })
            .ValidateSettingsOnStart(options => SettingUrls.Parse(options.UrlSetting, options.Url));
        // What OptionsBuilder.Bind would add: IOptionsMonitor sees a reloaded section.
        builder.Services.AddSingleton<IOptionsChangeTokenSource<TOptions>>(new ConfigurationChangeTokenSource<TOptions>(configuration.GetSection(section)));

        builder.Services.AddSingleton<TBackend>();
        builder.Services.AddHealthChecks().AddCheck<BackendHealthCheck<TBackend>>(section.ToLowerInvariant());
        return builder.Services.AddRefitGeneratedClient<TApi>(json)
            .ConfigureHttpClient((services, http) =>
            {
                var options = services.GetRequiredService<IOptions<TOptions>>().Value;
                // Never called while unconfigured (HttpBackend.Api refuses), but HttpClient needs an address.
                http.BaseAddress = SettingUrls.Parse(options.UrlSetting, options.Url) ?? new Uri($"http://{section.ToLowerInvariant()}.invalid");
                http.Timeout = TimeSpan.FromSeconds(Math.Clamp(options.TimeoutSeconds, 1, 600));
            });
    }
}
