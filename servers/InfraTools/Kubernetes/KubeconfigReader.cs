using k8s;
using k8s.KubeConfigModels;
using SreSuite.ServiceDefaults.Hosting;

namespace SreSuite.InfraTools.Kubernetes;

/// <summary>Resolves <see cref="KubernetesOptions"/> into a pinned <see cref="KubernetesTarget"/>.</summary>
public static class KubeconfigReader
{
    /// <summary>
    /// Returns the target, or null when no cluster is configured at all. Throws
    /// <see cref="InvalidSettingException"/> naming the setting when one is present but unusable.
    /// </summary>
    public static KubernetesTarget? Read(KubernetesOptions options) => Read(options, null);

    /// <summary>
    /// Every context the server serves: the contexts of <see cref="KubernetesOptions.Contexts"/>, default first, each
    /// from the explicit kubeconfig(s); without that setting the one pinned target, or none when nothing is configured.
    /// Throws <see cref="InvalidSettingException"/> naming the setting that is wrong.
    /// </summary>
    public static IReadOnlyList<KubernetesTarget> ReadAll(KubernetesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var names = options.ContextNames;
        if (names.Count == 0)
            return Read(options) is { } pinned ? [pinned] : [];
        if (options.InCluster)
            throw new InvalidSettingException("Kubernetes__Contexts", "names kubeconfig contexts, but Kubernetes__InCluster=true has only the pod's own cluster; unset one of them.");
        if (string.IsNullOrWhiteSpace(options.Kubeconfig))
            throw new InvalidSettingException("Kubernetes__Contexts", $"names {string.Join(", ", names)}, but no kubeconfig is set; contexts come only from an explicit KUBECONFIG or Kubernetes__Kubeconfig.");
        if (!names.Contains(options.DefaultContextName!, StringComparer.Ordinal))
            throw new InvalidSettingException("Kubernetes__Context", $"'{options.Context}' is the default context but is not in Kubernetes__Contexts ({string.Join(", ", names)}).");
        foreach (var write in options.WriteContextNames.Where(name => !names.Contains(name, StringComparer.Ordinal)))
            throw new InvalidSettingException("Kubernetes__WriteContexts", $"names '{write}', which is not in Kubernetes__Contexts ({string.Join(", ", names)}).");
        var ordered = names.OrderBy(name => name == options.DefaultContextName ? 0 : 1).ToList();
        return [.. ordered.Select(name => Read(options, name)!)];
    }

    private static KubernetesTarget? Read(KubernetesOptions options, string? listedContext)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.InCluster)
            return ReadInCluster(options);
        if (string.IsNullOrWhiteSpace(options.Kubeconfig))
            return null;

        var files = options.Kubeconfig
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(path => new FileInfo(path))
            .ToArray();
        foreach (var file in files)
            EnsureReadable(options.KubeconfigSetting, file);

        K8SConfiguration config;
        try
        {
            config = Merge(files.Select(file => KubernetesClientConfiguration.LoadKubeConfig(file)));
        }
        catch (Exception ex) // the kubeconfig parser throws YAML, IO and format errors alike; all mean the same to an operator
        {
            throw new InvalidSettingException(options.KubeconfigSetting, $"'{options.Kubeconfig}' is not a valid kubeconfig ({FirstLine(ex.Message)}).");
        }

        var contextName = listedContext ?? (string.IsNullOrWhiteSpace(options.Context) ? config.CurrentContext : options.Context);
        if (string.IsNullOrWhiteSpace(contextName))
            throw new InvalidSettingException("Kubernetes__Context", $"the kubeconfig has no current-context; name one of: {ContextNames(config)}.");

        EnsureAllowed(options, contextName, options.KubeconfigSetting);
        var context = config.Contexts?.FirstOrDefault(c => c.Name == contextName)
            ?? throw new InvalidSettingException(
                listedContext is not null ? "Kubernetes__Contexts" : string.IsNullOrWhiteSpace(options.Context) ? options.KubeconfigSetting : "Kubernetes__Context",
                $"context '{contextName}' is not in the kubeconfig; it has: {ContextNames(config)}.");

        KubernetesClientConfiguration clientConfig;
        try
        {
            clientConfig = KubernetesClientConfiguration.BuildConfigFromConfigObject(config, contextName);
        }
        catch (Exception ex) // the kubeconfig parser throws YAML, IO and format errors alike; all mean the same to an operator
        {
            throw new InvalidSettingException(options.KubeconfigSetting, $"context '{contextName}' cannot be used ({FirstLine(ex.Message)}).");
        }

        var ns = FirstNonEmpty(options.Namespace, context.ContextDetails?.Namespace, "default");
        clientConfig.Namespace = ns;
        clientConfig.HttpClientTimeout = TimeSpan.FromSeconds(Math.Clamp(options.TimeoutSeconds, 1, 300));
        return new KubernetesTarget(
            Source: $"{options.KubeconfigSetting}={options.Kubeconfig}",
            Context: contextName,
            Cluster: context.ContextDetails?.Cluster ?? "-",
            Server: clientConfig.Host ?? "-",
            User: context.ContextDetails?.User ?? "-",
            Namespace: ns,
            ClientConfiguration: clientConfig)
        {
            Impersonation = Impersonation(options),
            Credentials = KubeconfigCredentials.Of(config.Users?.FirstOrDefault(u => u.Name == context.ContextDetails?.User)?.UserCredentials, clientConfig),
        };
    }

    /// <summary>Refuses a context outside <see cref="KubernetesOptions.AllowedContexts"/>, naming the one found.</summary>
    private static void EnsureAllowed(KubernetesOptions options, string contextName, string source)
    {
        var allowed = options.AllowedContextNames;
        if (allowed.Count > 0 && !allowed.Contains(contextName, StringComparer.Ordinal))
        {
            throw new InvalidSettingException(
                "Kubernetes__AllowedContexts",
                $"the context found is '{contextName}' (from {source}), which is not allowed; allowed: {string.Join(", ", allowed)}. Use a kubeconfig whose context is allowed, or change the list.");
        }
    }

    private static string? Impersonation(KubernetesOptions options)
    {
        var group = options.ImpersonateGroup?.Trim();
        if (!string.IsNullOrEmpty(group) && group.Contains(',', StringComparison.Ordinal))
            throw new InvalidSettingException("Kubernetes__ImpersonateGroup", $"'{group}' names several groups; name one (bind the others' RBAC to the impersonated user or that group).");
        if (string.IsNullOrWhiteSpace(options.ImpersonateUser))
        {
            if (!string.IsNullOrEmpty(group))
                throw new InvalidSettingException("Kubernetes__ImpersonateGroup", "needs Kubernetes__ImpersonateUser: the API server refuses to impersonate a group without a user.");
            return null;
        }

        return string.IsNullOrEmpty(group) ? options.ImpersonateUser.Trim() : $"{options.ImpersonateUser.Trim()} (group {group})";
    }

    private static KubernetesTarget ReadInCluster(KubernetesOptions options)
    {
        if (!KubernetesClientConfiguration.IsInCluster())
            throw new InvalidSettingException("Kubernetes__InCluster", "is true but this process is not running in a pod (no service account token or KUBERNETES_SERVICE_HOST).");

        EnsureAllowed(options, "in-cluster", "Kubernetes__InCluster");
        var clientConfig = KubernetesClientConfiguration.InClusterConfig();
        var ns = FirstNonEmpty(options.Namespace, clientConfig.Namespace, "default");
        clientConfig.Namespace = ns;
        clientConfig.HttpClientTimeout = TimeSpan.FromSeconds(Math.Clamp(options.TimeoutSeconds, 1, 300));
        return new KubernetesTarget("in-cluster service account", "in-cluster", "in-cluster", clientConfig.Host ?? "-", "service account", ns, clientConfig)
        {
            Impersonation = Impersonation(options),
            Credentials = KubeconfigCredentials.Of(null, clientConfig),
        };
    }

    /// <summary>Merges kubeconfigs the way kubectl does: the first file that defines a name wins.</summary>
    private static K8SConfiguration Merge(IEnumerable<K8SConfiguration> configs)
    {
        K8SConfiguration? merged = null;
        foreach (var config in configs)
        {
            if (merged is null)
            {
                merged = config;
                continue;
            }

            merged.CurrentContext ??= config.CurrentContext;
            merged.Contexts = Union(merged.Contexts, config.Contexts, c => c.Name);
            merged.Clusters = Union(merged.Clusters, config.Clusters, c => c.Name);
            merged.Users = Union(merged.Users, config.Users, u => u.Name);
        }

        return merged ?? new K8SConfiguration();
    }

    private static List<T> Union<T>(IEnumerable<T>? first, IEnumerable<T>? second, Func<T, string> name) =>
        [.. (first ?? []).Concat(second ?? []).DistinctBy(name)];

    private static void EnsureReadable(string setting, FileInfo file)
    {
        if (!file.Exists)
            throw new InvalidSettingException(setting, $"kubeconfig '{file.FullName}' does not exist.");
        try
        {
            using var stream = file.OpenRead();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidSettingException(setting, $"kubeconfig '{file.FullName}' cannot be read ({ex.Message}).");
        }
    }

    private static string ContextNames(K8SConfiguration config)
    {
        var names = config.Contexts?.Select(c => c.Name).ToList() ?? [];
        return names.Count == 0 ? "(no contexts)" : string.Join(", ", names);
    }

    private static string FirstNonEmpty(params string?[] values) => values.First(v => !string.IsNullOrWhiteSpace(v))!;

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
