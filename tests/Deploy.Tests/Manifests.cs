using YamlDotNet.RepresentationModel;

namespace SreSuite.Deploy.Tests;

/// <summary>Every Kubernetes object under deploy/, parsed from YAML, with the file it came from.</summary>
internal static class Manifests
{
    public static string DeployRoot => Path.Combine(Repository.Root, "deploy");

    public static IReadOnlyList<string> Domains => [.. Directory.GetDirectories(DeployRoot).Select(Path.GetFileName).OfType<string>().Order()];

    public static IReadOnlyList<Manifest> All { get; } = Load();

    public static IEnumerable<Manifest> OfKind(string kind) => All.Where(manifest => manifest.Kind == kind);

    private static List<Manifest> Load()
    {
        var manifests = new List<Manifest>();
        foreach (var file in Directory.EnumerateFiles(DeployRoot, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
                stream.Load(reader);
            foreach (var document in stream.Documents)
            {
                if (document.RootNode is YamlMappingNode root)
                    manifests.Add(new Manifest(Path.GetRelativePath(Repository.Root, file), root));
            }
        }

        return manifests;
    }
}

internal sealed record Manifest(string File, YamlMappingNode Root)
{
    public string Kind => Scalar(Root, "kind") ?? string.Empty;

    public string Name => Scalar(Root["metadata"], "name") ?? string.Empty;

    public string Domain => File.Split(Path.DirectorySeparatorChar)[1];

    public bool IsBase => File.Contains($"{Path.DirectorySeparatorChar}base{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    public static string? Scalar(YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    public static YamlNode? Child(YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out node))
                return null;
        }

        return node;
    }

    public static IEnumerable<YamlNode> Items(YamlNode? node) => node is YamlSequenceNode sequence ? sequence.Children : [];

    public static IEnumerable<string> Strings(YamlNode? node) => Items(node).OfType<YamlScalarNode>().Select(scalar => scalar.Value ?? string.Empty);

    public override string ToString() => $"{Kind}/{Name} in {File}";
}
