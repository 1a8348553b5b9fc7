using YamlDotNet.RepresentationModel;

namespace SreSuite.Deploy.Tests;

/// <summary>The promises the Kubernetes manifests make, checked on the YAML itself.</summary>
public sealed class ManifestTests
{
    private static readonly string[] ReadVerbs = ["get", "list", "watch"];
    private static readonly string[] ForbiddenResources = ["secrets", "nodes/proxy", "pods/exec", "pods/attach", "pods/portforward", "serviceaccounts/token", "*"];

    [Fact]
    public void Every_domain_has_a_base_that_kustomize_can_build()
    {
        Assert.Equal(["incident", "infra", "observability"], Manifests.Domains);
        foreach (var domain in Manifests.Domains)
        {
            foreach (var kustomization in Directory.EnumerateFiles(Path.Combine(Manifests.DeployRoot, domain), "kustomization.yaml", SearchOption.AllDirectories))
            {
                var root = (YamlMappingNode)LoadSingle(kustomization);
                var folder = Path.GetDirectoryName(kustomization)!;
                foreach (var resource in Manifest.Strings(Manifest.Child(root, "resources")).Concat(PatchPaths(root)))
                    Assert.True(File.Exists(Path.Combine(folder, resource)) || Directory.Exists(Path.Combine(folder, resource)), $"{kustomization} refers to missing {resource}");
            }

            Assert.True(File.Exists(Path.Combine(Manifests.DeployRoot, domain, "base", "kustomization.yaml")), domain);
        }
    }

    [Fact]
    public void Read_roles_only_get_list_and_watch_and_never_touch_secrets_exec_or_proxies()
    {
        var readRoles = Manifests.All.Where(m => m.Kind is "ClusterRole" or "Role" && m.IsBase).ToList();
        Assert.NotEmpty(readRoles);
        foreach (var role in readRoles)
        {
            foreach (var rule in Manifest.Items(Manifest.Child(role.Root, "rules")))
            {
                Assert.All(Manifest.Strings(Manifest.Child(rule, "verbs")), verb => Assert.Contains(verb, ReadVerbs));
                AssertNoForbiddenResources(role, rule);
            }
        }
    }

    [Fact]
    public void Write_roles_are_optional_overlays_with_only_the_verbs_the_write_tools_use()
    {
        var writeRoles = Manifests.All.Where(m => m.Kind is "ClusterRole" or "Role" && !m.IsBase).ToList();
        Assert.All(writeRoles, role => Assert.Contains($"{Path.DirectorySeparatorChar}overlays{Path.DirectorySeparatorChar}", role.File, StringComparison.Ordinal));
        foreach (var role in writeRoles)
        {
            foreach (var rule in Manifest.Items(Manifest.Child(role.Root, "rules")))
            {
                Assert.All(Manifest.Strings(Manifest.Child(rule, "verbs")), verb => Assert.Contains(verb, new[] { "get", "patch", "update", "delete" }));
                AssertNoForbiddenResources(role, rule);
            }
        }
    }

    [Fact]
    public void Only_infra_gets_a_service_account_token()
    {
        foreach (var deployment in Manifests.OfKind("Deployment"))
        {
            var automount = Manifest.Scalar(Manifest.Child(deployment.Root, "spec", "template", "spec"), "automountServiceAccountToken");
            Assert.Equal(deployment.Domain == "infra" ? "true" : "false", automount);
        }
    }

    [Fact]
    public void Each_deployment_runs_one_tool_server_locked_down_with_probes_and_resources()
    {
        var deployments = Manifests.OfKind("Deployment").ToList();
        Assert.Equal(3, deployments.Count);
        foreach (var deployment in deployments)
        {
            var pod = Manifest.Child(deployment.Root, "spec", "template", "spec");
            Assert.Equal("true", Manifest.Scalar(Manifest.Child(pod, "securityContext"), "runAsNonRoot"));
            Assert.NotEqual("0", Manifest.Scalar(Manifest.Child(pod, "securityContext"), "runAsUser"));
            var servers = Manifest.Items(Manifest.Child(pod, "containers"))
                .Where(c => (Manifest.Scalar(c, "image") ?? string.Empty).StartsWith("sresuite/", StringComparison.Ordinal)).ToList();
            var server = Assert.Single(servers);
            var security = Manifest.Child(server, "securityContext");
            Assert.Equal("false", Manifest.Scalar(security, "allowPrivilegeEscalation"));
            Assert.Equal("true", Manifest.Scalar(security, "readOnlyRootFilesystem"));
            Assert.Contains("ALL", Manifest.Strings(Manifest.Child(security, "capabilities", "drop")));
            Assert.Equal("/alive", Manifest.Scalar(Manifest.Child(server, "livenessProbe", "httpGet"), "path"));
            Assert.Equal("/health", Manifest.Scalar(Manifest.Child(server, "readinessProbe", "httpGet"), "path"));
            Assert.NotNull(Manifest.Child(server, "resources", "requests", "memory"));
            Assert.NotNull(Manifest.Child(server, "resources", "limits", "memory"));
            foreach (var container in Manifest.Items(Manifest.Child(pod, "containers")))
            {
                var containerSecurity = Manifest.Child(container, "securityContext");
                Assert.Equal("false", Manifest.Scalar(containerSecurity, "allowPrivilegeEscalation"));
                Assert.Equal("true", Manifest.Scalar(containerSecurity, "readOnlyRootFilesystem"));
            }
        }
    }

    [Fact]
    public void Secrets_are_only_referenced_never_written_down()
    {
        Assert.Empty(Manifests.OfKind("Secret"));
        foreach (var manifest in Manifests.All)
        {
            foreach (var env in EnvironmentOf(manifest))
            {
                var name = Manifest.Scalar(env, "name") ?? string.Empty;
                if (LooksSecret(name))
                    Assert.True(Manifest.Child(env, "valueFrom", "secretKeyRef") is not null, $"{name} in {manifest} must come from a secretKeyRef");
            }

            if (manifest.Kind == "ConfigMap")
            {
                var keys = (Manifest.Child(manifest.Root, "data") as YamlMappingNode)?.Children.Keys.OfType<YamlScalarNode>() ?? [];
                foreach (var key in keys)
                    Assert.False(LooksSecret(key.Value!), $"{key} in {manifest} looks like a secret; use a Secret reference");
            }
        }
    }

    [Fact]
    public void Every_server_is_reachable_only_as_its_network_policy_allows()
    {
        foreach (var domain in Manifests.Domains)
        {
            var policy = Assert.Single(Manifests.OfKind("NetworkPolicy"), p => p.Domain == domain);
            Assert.Equal(["Ingress", "Egress"], Manifest.Strings(Manifest.Child(policy.Root, "spec", "policyTypes")));
        }
    }

    private static void AssertNoForbiddenResources(Manifest role, YamlNode rule)
    {
        Assert.DoesNotContain("*", Manifest.Strings(Manifest.Child(rule, "verbs")));
        Assert.DoesNotContain("*", Manifest.Strings(Manifest.Child(rule, "apiGroups")));
        foreach (var resource in Manifest.Strings(Manifest.Child(rule, "resources")))
            Assert.False(ForbiddenResources.Contains(resource), $"{role} grants {resource}");
    }

    private static IEnumerable<YamlNode> EnvironmentOf(Manifest manifest) =>
        Manifest.Items(Manifest.Child(manifest.Root, "spec", "template", "spec", "containers"))
            .Concat(Manifest.Items(Manifest.Child(manifest.Root, "spec", "template", "spec", "initContainers")))
            .SelectMany(container => Manifest.Items(Manifest.Child(container, "env")));

    private static bool LooksSecret(string name) =>
        System.Text.RegularExpressions.Regex.IsMatch(name, "token|secret|passw|api[-_]?key|credential", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    private static IEnumerable<string> PatchPaths(YamlMappingNode kustomization) =>
        Manifest.Items(Manifest.Child(kustomization, "patches")).Select(patch => Manifest.Scalar(patch, "path")).OfType<string>();

    private static YamlNode LoadSingle(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(file);
        stream.Load(reader);
        return stream.Documents[0].RootNode;
    }
}
