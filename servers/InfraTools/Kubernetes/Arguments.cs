using System.Text.RegularExpressions;
using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.InfraTools.Kubernetes;

/// <summary>
/// Argument checks and defaults the tools share. Formats are checked here rather than as schema patterns,
/// which keeps tools/list small; every refusal names the argument and the expected form.
/// </summary>
internal static partial class Arguments
{
    public const string NamespaceHelp = "Namespace or *";

    public const string NamespaceDefault = "Namespace";

    public const string WorkloadHelp = "Name, or sts/name, ds/name";

    /// <summary>The namespace to query: the caller's, the context's default, or null for all namespaces (<c>*</c>).</summary>
    public static string? NamespaceOf(KubernetesConnection kube, string? ns, bool allowAll = true)
    {
        if (string.IsNullOrEmpty(ns))
            return kube.DefaultNamespace;
        if (ns == "*")
            return allowAll ? null : throw new ToolInputException("namespace", "must name one namespace here, not '*'.");
        return DnsLabel().IsMatch(ns) ? ns : throw new ToolInputException("namespace", $"'{ns}' is not a namespace name (lowercase letters, digits and '-'), nor '*'.");
    }

    /// <summary>Checks an object name (DNS subdomain); refuses anything that could walk the URL path.</summary>
    public static string Name(string argument, string name) =>
        DnsSubdomain().IsMatch(name) ? name : throw new ToolInputException(argument, $"'{name}' is not an object name (lowercase letters, digits, '-' and '.').");

    /// <summary>An optional name: empty means not given.</summary>
    public static string? OptionalName(string argument, string? name) => string.IsNullOrEmpty(name) ? null : Name(argument, name);

    /// <summary>
    /// Splits <c>sts/ledger-db</c> into (statefulset, ledger-db), as kubectl does; a bare name is a deployment.
    /// Only <paramref name="kinds"/> are accepted.
    /// </summary>
    public static (string Kind, string Name) Workload(string argument, string text, params string[] kinds)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var kind = slash < 0 ? "deployment" : text[..slash].ToLowerInvariant() switch
        {
            "deploy" or "deployment" or "deployments" => "deployment",
            "sts" or "statefulset" or "statefulsets" => "statefulset",
            "ds" or "daemonset" or "daemonsets" => "daemonset",
            "rs" or "replicaset" or "replicasets" => "replicaset",
            var other => other,
        };
        if (!kinds.Contains(kind))
            throw new ToolInputException(argument, $"'{text}' is not a {string.Join(", ", kinds)}; write a name (a deployment) or kind/name, e.g. {string.Join(", ", kinds.Skip(1).Select(k => $"{ShortKind(k)}/x"))}.");
        return (kind, Name(argument, text[(slash + 1)..]));
    }

    /// <summary>kubectl's short name of a workload kind, as a workload argument takes it (<c>sts/x</c>).</summary>
    public static string ShortKind(string kind) => kind switch { "statefulset" => "sts", "daemonset" => "ds", "replicaset" => "rs", _ => "deploy" };

    public static string Scope(string? ns) => ns is null ? "all namespaces" : $"namespace {ns}";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}
