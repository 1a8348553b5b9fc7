using System.Text;
using k8s;
using k8s.KubeConfigModels;

namespace SreSuite.InfraTools.Kubernetes;

/// <summary>
/// Every credential a kubeconfig user carries, in every form an API server could echo it: the token, the basic-auth
/// password (and its <c>user:password</c> Base64), client certificate and key data as written (Base64) and decoded
/// (PEM, and each PEM body line), the contents of referenced certificate and key files, auth-provider tokens and
/// secrets, and exec plugin environment values. InfraTools registers them with the redactor at start.
/// </summary>
public static class KubeconfigCredentials
{
    // PEM body lines are 64 characters; shorter fragments (a final line) could be ordinary text.
    private const int MinimumPemLine = 40;

    public static IReadOnlyList<string> Of(UserCredentials? user, KubernetesClientConfiguration? client)
    {
        var values = new List<string?>();
        if (user is not null)
        {
            values.AddRange([user.Token, user.Password]);
            AddKeyMaterial(values, user.ClientCertificateData);
            AddKeyMaterial(values, user.ClientKeyData);
            AddFile(values, user.ClientCertificate);
            AddFile(values, user.ClientKey);
            if (user.AuthProvider?.Config is { } config)
                values.AddRange(config.Where(pair => pair.Key is not ("idp-issuer-url" or "client-id" or "cmd-path" or "cmd-args" or "expiry" or "expiry-key" or "token-key")).Select(pair => pair.Value));
            if (user.ExternalExecution?.EnvironmentVariables is { } environment)
                values.AddRange(environment.SelectMany(variable => variable.Where(pair => pair.Key == "value").Select(pair => pair.Value)));
            if (user.UserName is { Length: > 0 } name && user.Password is { Length: > 0 } password)
                values.Add(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{name}:{password}")));
        }

        if (client is not null)
        {
            values.AddRange([client.AccessToken, client.Password]);
            AddKeyMaterial(values, client.ClientCertificateData);
            AddKeyMaterial(values, client.ClientCertificateKeyData);
            AddFile(values, client.ClientCertificateFilePath);
            AddFile(values, client.ClientKeyFilePath);
        }

        return [.. values.Where(value => !string.IsNullOrWhiteSpace(value)).Select(value => value!.Trim()).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The parts of a Basic authorization value: the password, and the Base64 of <c>user:password</c>.</summary>
    public static IEnumerable<string> BasicParts(string parameter)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
        }
        catch (FormatException)
        {
            yield break;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
            yield return decoded[(colon + 1)..];
    }

    /// <summary>Base64 key data as written, decoded to PEM, and each long line of the PEM body.</summary>
    private static void AddKeyMaterial(List<string?> values, string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
            return;
        values.Add(base64);
        try
        {
            AddPem(values, Encoding.UTF8.GetString(Convert.FromBase64String(base64.Trim())));
        }
        catch (FormatException)
        {
            // Not Base64: the client refuses it at start; as written it is registered already.
        }
    }

    private static void AddFile(List<string?> values, string? path)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
            return;
        try
        {
            AddPem(values, File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The client reports an unreadable key file itself.
        }
    }

    private static void AddPem(List<string?> values, string pem)
    {
        values.Add(pem);
        values.AddRange(pem.Split('\n', StringSplitOptions.TrimEntries)
            .Where(line => line.Length >= MinimumPemLine && !line.StartsWith("-----", StringComparison.Ordinal)));
    }
}
