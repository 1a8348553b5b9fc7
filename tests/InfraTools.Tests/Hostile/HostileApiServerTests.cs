using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ModelContextProtocol.Client;
using SreSuite.KubeFixture;

namespace SreSuite.InfraTools.Tests.Hostile;

/// <summary>
/// The leak battery (issue 22, B6 and B7): every InfraTools read tool, through MCP, against a hostile API server
/// (<see cref="HostileKubeApi"/>) under every attack, with three kinds of kubeconfig credentials. No planted Secret
/// value and no kubeconfig credential may appear in any answer, error, audit record or server log line, and no
/// echoed message may start a line of its own.
/// </summary>
public sealed class HostileApiServerTests
{
    private const string Token = "hostile-kubeconfig-token-0123456789abcdef";
    private const string Password = "hostile-kubeconfig-password-0123456789";
    private const string ExecToken = "hostile-exec-plugin-token-0123456789abcdef";

    public static TheoryData<string> Credentials => ["token", "basic-and-client-certificate", "exec-plugin"];

    [Theory]
    [MemberData(nameof(Credentials))]
    public async Task No_planted_secret_or_kubeconfig_credential_reaches_any_answer_error_or_audit_line(string credentials)
    {
        await using var hostile = await HostileKubeApi.StartAsync(Calls.Ct);
        var (kubeconfig, secrets) = await WriteKubeconfigAsync(credentials, hostile.Url);
        hostile.Echoed = secrets;
        using var audit = new AuditLog();
        var settings = new Dictionary<string, string?>(audit.Settings) { ["KUBECONFIG"] = kubeconfig };
        await using var server = await ServerProcess.StartAsync("InfraTools", settings, Calls.Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Calls.Ct);
        var calls = Calls_(hostile.Cluster);
        await AssertEveryReadToolIsCoveredAsync(client, calls);

        var answers = new List<(HostileAttack Attack, string Tool, bool IsError, string Text)>();
        foreach (var attack in Enum.GetValues<HostileAttack>())
        {
            hostile.Attack = attack;
            foreach (var (tool, arguments) in calls)
            {
                var result = await client.CallAsync(tool, arguments);
                answers.Add((attack, tool, result.IsError == true, result.Text()));
            }
        }

        // The control: through the stand-in, unattacked, the tools work — the battery is not vacuous.
        var control = answers.Where(a => a.Attack == HostileAttack.None).ToList();
        Assert.All(control.Where(a => a.Tool != "k8s_context"), a => Assert.False(a.IsError, $"{a.Tool}: {a.Text}"));
        // Odd Content-Types are scrubbed and read, not refused.
        Assert.Contains(answers, a => a.Attack == HostileAttack.PlantedFieldsUnderOddContentTypes && a.Tool == "k8s_get" && !a.IsError && a.Text.Contains("payments-api", StringComparison.Ordinal));
        // Secret-shaped objects are refused, whatever their spelling.
        foreach (var attack in new[] { HostileAttack.SecretLowercaseKind, HostileAttack.SecretWithoutKindStringData, HostileAttack.SecretWithoutKindOpaqueData, HostileAttack.SecretListInDisguise })
            Assert.Contains(answers, a => a.Attack == attack && a.IsError && a.Text.Contains("Secret data", StringComparison.Ordinal));
        Assert.Contains(hostile.Authorizations, header => header.Length > 0);

        var forbidden = Forbidden(secrets);
        foreach (var (attack, tool, _, text) in answers)
        {
            AssertClean(forbidden, text, $"{attack} {tool}");
            Assert.DoesNotContain(text.Split('\n'), line => line.TrimStart().StartsWith("SYSTEM:", StringComparison.Ordinal));
        }

        var records = await audit.RecordsAsync(answers.Count, Calls.Ct);
        Assert.Equal(answers.Count, records.Count(r => (string?)r["tool"] != "tools/list"));
        foreach (var record in records)
            AssertClean(forbidden, record.ToJsonString(), "audit line");
        AssertClean(forbidden, string.Join('\n', server.Output), "server log");
    }

    private static void AssertClean(IReadOnlyList<string> forbidden, string text, string where)
    {
        var clean = text.Replace("managedFields and last-applied-configuration", "", StringComparison.Ordinal);
        foreach (var value in forbidden)
            Assert.False(clean.Contains(value, StringComparison.Ordinal), $"{where} leaked '{value}':\n{text}");
    }

    private static List<string> Forbidden(IReadOnlyList<string> kubeconfigSecrets) =>
    [
        HostileKubeApi.PlantedSecret,
        Convert.ToBase64String(Encoding.UTF8.GetBytes(HostileKubeApi.PlantedSecret)),
        HostileKubeApi.PlantedAwsKey,
        "-last-applied",
        "fieldsV1",
        "managedFields",
        .. kubeconfigSecrets,
    ];

    /// <summary>Each read tool with arguments that reach the API server; the write tools are not enabled.</summary>
    private static List<(string Tool, Dictionary<string, object?> Arguments)> Calls_(KubeFixtureServer cluster)
    {
        var crash = DemoPods.CrashLooping(cluster);
        return
        [
            ("k8s_context", []),
            ("k8s_find_unhealthy", []),
            ("k8s_list_pods", new() { ["namespace"] = "*" }),
            ("k8s_pod_logs", new() { ["pod"] = crash }),
            ("k8s_list", new() { ["kind"] = "configmaps", ["namespace"] = "*" }),
            ("k8s_list", new() { ["kind"] = "deployments" }),
            ("k8s_get", new() { ["kind"] = "deployment", ["name"] = "payments-api" }),
            ("k8s_get", new() { ["kind"] = "configmap", ["name"] = "payments-api-config" }),
            ("k8s_get", new() { ["kind"] = "pod", ["name"] = crash }),
            ("k8s_describe_workload", new() { ["workload"] = "payments-api" }),
            ("k8s_rollout_history", new() { ["workload"] = "payments-api" }),
            ("k8s_events", new() { ["namespace"] = "*", ["type"] = "all", ["since"] = "1d" }),
            ("k8s_top", new() { ["kind"] = "pods", ["namespace"] = "*" }),
        ];
    }

    private static async Task AssertEveryReadToolIsCoveredAsync(McpClient client, List<(string Tool, Dictionary<string, object?> Arguments)> calls)
    {
        var tools = await client.ListToolsAsync(cancellationToken: Calls.Ct);
        var readTools = tools.Where(t => t.ProtocolTool.Annotations?.ReadOnlyHint == true).Select(t => t.Name);
        Assert.All(readTools, tool => Assert.Contains(calls, call => call.Tool == tool));
    }

    /// <summary>A kubeconfig for the stand-in with the given kind of credentials, and every form of them that must never be shown.</summary>
    private static async Task<(string Path, IReadOnlyList<string> Secrets)> WriteKubeconfigAsync(string credentials, Uri server)
    {
        string user;
        List<string> secrets;
        switch (credentials)
        {
            case "token":
                user = $"token: {Token}";
                secrets = [Token];
                break;
            case "basic-and-client-certificate":
                using (var key = RSA.Create(2048))
                {
                    var request = new CertificateRequest("CN=sre-bot", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                    using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
                    var certificatePem = certificate.ExportCertificatePem();
                    var keyPem = key.ExportRSAPrivateKeyPem();
                    var certificateData = Convert.ToBase64String(Encoding.UTF8.GetBytes(certificatePem));
                    var keyData = Convert.ToBase64String(Encoding.UTF8.GetBytes(keyPem));
                    user = $"username: sre-bot\npassword: {Password}\nclient-certificate-data: {certificateData}\nclient-key-data: {keyData}";
                    secrets = [Password, Convert.ToBase64String(Encoding.UTF8.GetBytes($"sre-bot:{Password}")), certificateData, keyData,
                        .. keyPem.Split('\n').Where(line => line.Length >= 40 && !line.StartsWith("-----", StringComparison.Ordinal))];
                }

                break;
            default:
                var credential = """{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":""" + "\"" + ExecToken + "\"}}";
                var credentialFile = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"exec-credential-{Guid.NewGuid():N}.json");
                await File.WriteAllTextAsync(credentialFile, credential, Calls.Ct);
                user = $"exec:\n  apiVersion: client.authentication.k8s.io/v1beta1\n  command: /bin/cat\n  args: [\"{credentialFile}\"]\n  interactiveMode: Never";
                secrets = [ExecToken];
                break;
        }

        user = string.Join('\n', user.Split('\n').Select(line => "      " + line));
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"hostile-kubeconfig-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, $"""
            apiVersion: v1
            kind: Config
            current-context: hostile
            clusters:
              - name: hostile-cluster
                cluster:
                  server: {server.GetLeftPart(UriPartial.Authority)}
            users:
              - name: sre-bot
                user:
            """ + "\n" + user + "\n" + """
            contexts:
              - name: hostile
                context:
                  cluster: hostile-cluster
                  user: sre-bot
                  namespace: payments
            """ + "\n", Calls.Ct);
        return (path, secrets);
    }
}
