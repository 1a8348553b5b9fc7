using SreSuite.InfraTools.Kubernetes;

namespace SreSuite.InfraTools.Tools;

/// <summary>Patterns and defaults the tools share for their arguments.</summary>
internal static class Arguments
{
    /// <summary>A namespace, or <c>*</c> for all.</summary>
    public const string NamespaceOrAll = @"^(\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$";

    public const string Namespace = @"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /// <summary>An object name (DNS subdomain).</summary>
    public const string Name = @"^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$";

    /// <summary>A window such as <c>30s</c>, <c>15m</c>, <c>2h</c>, <c>1d</c>.</summary>
    public const string Window = @"^[1-9][0-9]{0,4}[smhd]$";

    public const string NamespaceHelp = "Namespace; '*' = all; default: the context's.";

    /// <summary>The namespace to query: the caller's, the context's default, or null for all namespaces.</summary>
    public static string? NamespaceOf(KubernetesConnection kube, string? ns) =>
        ns switch
        {
            null or "" => kube.DefaultNamespace,
            "*" => null,
            _ => ns,
        };

    public static string Scope(string? ns) => ns is null ? "all namespaces" : $"namespace {ns}";

    /// <summary><c>1 pod</c>, <c>3 pods</c>.</summary>
    public static string Count(int count, string noun) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");
}
