using System.Globalization;
using k8s.Models;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Triage;

/// <summary>Formatting shared by the workload tools: selectors, rollout state, containers and env.</summary>
public static class Workloads
{
    /// <summary>A LabelSelector as the query-string form the API server parses.</summary>
    public static string SelectorText(V1LabelSelector? selector)
    {
        var terms = new List<string>();
        foreach (var (key, value) in selector?.MatchLabels ?? new Dictionary<string, string>())
            terms.Add($"{key}={value}");
        foreach (var expression in selector?.MatchExpressions ?? [])
        {
            var values = string.Join(',', expression.Values ?? []);
            terms.Add(expression.OperatorProperty switch
            {
                "In" => $"{expression.Key} in ({values})",
                "NotIn" => $"{expression.Key} notin ({values})",
                "Exists" => expression.Key,
                "DoesNotExist" => $"!{expression.Key}",
                _ => expression.Key,
            });
        }

        return string.Join(',', terms);
    }

    public static string RolloutState(V1Deployment deployment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var status = deployment.Status;
        var desired = deployment.Spec?.Replicas ?? 1;
        var progressing = status?.Conditions?.FirstOrDefault(c => c.Type == "Progressing");
        if (progressing is { Status: "False" })
            return $"STUCK: {progressing.Reason}: {progressing.Message} (since {Ages.Since(progressing.LastTransitionTime, now)} ago)";
        if ((status?.ObservedGeneration ?? 0) < (deployment.Metadata?.Generation ?? 0))
            return "waiting for the controller to observe the latest spec";
        var updated = status?.UpdatedReplicas ?? 0;
        if (updated < desired || (status?.Replicas ?? 0) > updated || (status?.AvailableReplicas ?? 0) < desired)
            return string.Create(CultureInfo.InvariantCulture, $"in progress: {updated} of {desired} updated, {status?.AvailableReplicas ?? 0} available");
        return "complete";
    }

    public static string RolloutState(V1StatefulSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var status = set.Status;
        var desired = set.Spec?.Replicas ?? 1;
        if (status?.UpdateRevision is { } update && update != status.CurrentRevision)
            return string.Create(CultureInfo.InvariantCulture, $"in progress: {status.UpdatedReplicas ?? 0} of {desired} on revision {update}");
        return (status?.ReadyReplicas ?? 0) < desired
            ? string.Create(CultureInfo.InvariantCulture, $"degraded: {status?.ReadyReplicas ?? 0} of {desired} ready")
            : "complete";
    }

    public static string RolloutState(V1DaemonSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var status = set.Status;
        if ((status?.UpdatedNumberScheduled ?? 0) < (status?.DesiredNumberScheduled ?? 0))
            return string.Create(CultureInfo.InvariantCulture, $"in progress: {status?.UpdatedNumberScheduled ?? 0} of {status?.DesiredNumberScheduled ?? 0} nodes updated");
        return (status?.NumberUnavailable ?? 0) > 0
            ? string.Create(CultureInfo.InvariantCulture, $"degraded: {status?.NumberUnavailable} of {status?.DesiredNumberScheduled ?? 0} nodes without an available pod")
            : "complete";
    }

    /// <summary><c>payments-api:v2.14.0,envoy:v1.31.5</c>: image names without their registry path.</summary>
    public static string ShortImages(IEnumerable<V1Container>? containers) =>
        string.Join(',', (containers ?? []).Select(c => ShortImage(c.Image)));

    public static string ShortImage(string? image)
    {
        if (string.IsNullOrEmpty(image))
            return "-";
        var slash = image.LastIndexOf('/');
        return slash < 0 ? image : image[(slash + 1)..];
    }

    /// <summary>The container lines of a pod template; secret-backed env shows its reference, never a value.</summary>
    public static IEnumerable<string> Containers(V1PodSpec? spec)
    {
        foreach (var container in spec?.Containers ?? [])
        {
            var requests = Quantities(container.Resources?.Requests);
            var limits = Quantities(container.Resources?.Limits);
            yield return $"container {container.Name}: image {container.Image}; requests {requests}; limits {limits}";
            var env = (container.Env ?? []).Select(EnvText).ToList();
            env.AddRange((container.EnvFrom ?? []).Select(from =>
                from.SecretRef is { } secret ? $"(all keys of secret {secret.Name})"
                : from.ConfigMapRef is { } map ? $"(all keys of configmap {map.Name})"
                : "(envFrom)"));
            if (env.Count > 0)
                yield return "  env: " + string.Join("; ", env);
            var mounts = (container.VolumeMounts ?? [])
                .Select(m => (m.MountPath, Source: VolumeSource(spec!.Volumes?.FirstOrDefault(v => v.Name == m.Name))))
                .Where(m => m.Source is not null)
                .Select(m => $"{m.MountPath} <- {m.Source}")
                .ToList();
            if (mounts.Count > 0)
                yield return "  mounts: " + string.Join("; ", mounts);
        }
    }

    /// <summary>
    /// The object a volume reads (<c>configmap pricing-rules</c>, <c>secret tls</c>, <c>pvc data</c>), or null for
    /// one that names none (emptyDir, hostPath, downward API): a bad file in a crash log, or a pod Pending on an
    /// unbound claim, leads there.
    /// </summary>
    public static string? VolumeSource(V1Volume? volume) => volume switch
    {
        { ConfigMap: { } map } => $"configmap {map.Name}",
        { Secret: { } secret } => $"secret {secret.SecretName}",
        { PersistentVolumeClaim: { } claim } => $"pvc {claim.ClaimName}",
        { Projected: { } projected } when projected.Sources?.Any(s => s.ConfigMap is not null || s.Secret is not null) == true =>
            string.Join(", ", projected.Sources.Select(s => s.ConfigMap is { } m ? $"configmap {m.Name}" : s.Secret is { } x ? $"secret {x.Name}" : null).OfType<string>()),
        _ => null,
    };

    public static string EnvText(V1EnvVar variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var from = variable.ValueFrom;
        var value = from switch
        {
            { SecretKeyRef: { } secret } => $"<secret {secret.Name} key {secret.Key}>",
            { ConfigMapKeyRef: { } map } => $"<configmap {map.Name} key {map.Key}>",
            { FieldRef: { } field } => $"<field {field.FieldPath}>",
            { ResourceFieldRef: { } resource } => $"<resource {resource.Resource}>",
            not null => "<valueFrom>",
            _ => Clip(variable.Value ?? "", 100),
        };
        return $"{variable.Name}={value}";
    }

    private static string Quantities(IDictionary<string, ResourceQuantity>? values) =>
        values is null || values.Count == 0 ? "-" : string.Join(',', values.Select(v => $"{v.Key}={v.Value}"));

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
