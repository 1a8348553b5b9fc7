namespace SreSuite.InfraTools.Tests;

internal static class Kubeconfigs
{
    /// <summary>Writes a one-context kubeconfig (context <c>staging</c>) pointing at <paramref name="server"/>.</summary>
    public static async Task<string> WriteAsync(string server, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, $"""
            apiVersion: v1
            kind: Config
            current-context: staging
            clusters:
              - name: staging-cluster
                cluster:
                  server: {server}
                  insecure-skip-tls-verify: true
            users:
              - name: sre-bot
                user:
                  token: planted-token-value
            contexts:
              - name: staging
                context:
                  cluster: staging-cluster
                  user: sre-bot
                  namespace: payments
            """, cancellationToken);
        return file;
    }
}
