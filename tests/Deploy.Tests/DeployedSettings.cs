using YamlDotNet.RepresentationModel;

namespace SreSuite.Deploy.Tests;

/// <summary>
/// The environment a domain's server container gets from its manifests: the ConfigMap it loads with <c>envFrom</c>,
/// its plain <c>env</c> values, and which variables come from Secrets.
/// </summary>
internal sealed record DeployedSettings(IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> SecretVariables)
{
    public static DeployedSettings Of(string domain)
    {
        var deployment = Assert.Single(Manifests.OfKind("Deployment"), d => d.Domain == domain && d.IsBase);
        var server = Manifest.Items(Manifest.Child(deployment.Root, "spec", "template", "spec", "containers"))
            .Single(c => (Manifest.Scalar(c, "image") ?? string.Empty).StartsWith("sresuite/", StringComparison.Ordinal));
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in Manifest.Items(Manifest.Child(server, "envFrom")))
        {
            var name = Manifest.Scalar(Manifest.Child(source, "configMapRef"), "name");
            var configMap = Assert.Single(Manifests.OfKind("ConfigMap"), m => m.Name == name && m.Domain == domain && m.IsBase);
            var data = (YamlMappingNode)Manifest.Child(configMap.Root, "data")!;
            foreach (var (key, value) in data.Children)
                values[((YamlScalarNode)key).Value!] = ((YamlScalarNode)value).Value ?? string.Empty;
        }

        var secrets = new List<string>();
        foreach (var variable in Manifest.Items(Manifest.Child(server, "env")))
        {
            var name = Manifest.Scalar(variable, "name")!;
            if (Manifest.Child(variable, "valueFrom", "secretKeyRef") is not null)
                secrets.Add(name);
            else if (Manifest.Scalar(variable, "value") is { } value)
                values[name] = value;
        }

        return new DeployedSettings(values, secrets);
    }

    /// <summary>The deployed values plus <paramref name="settings"/>: the Secrets' values and what cannot work on this machine.</summary>
    public Dictionary<string, string?> Environment(params (string Name, string? Value)[] settings)
    {
        var environment = Values.ToDictionary(pair => pair.Key, pair => (string?)pair.Value);
        foreach (var (name, value) in settings)
            environment[name] = value;
        return environment;
    }
}
