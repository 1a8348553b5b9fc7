using System.Text;
using SreSuite.KubeFixture.Cluster;

namespace SreSuite.InfraTools.Tests;

/// <summary>No tool ever returns secret contents, whatever the caller types, and no request for a Secret leaves the server.</summary>
public sealed class SecretsTests(DemoClusterServer demo)
{
    public static TheoryData<string> Spellings =>
    [
        "secret", "secrets", "Secret", "SECRETS", " secrets ", "v1/Secret", "v1/secrets", "core/v1/secrets", "core/v1 secrets",
        "/v1/Secret", "secrets.v1.", "secrets.core", "v1 Secret", "Secrets.", "core/Secret",
    ];

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task Every_spelling_of_secrets_is_refused_and_never_requested(string spelling)
    {
        await using var client = await demo.ConnectAsync(Calls.Ct);
        var results = new[]
        {
            await client.CallAsync("k8s_list", new() { ["kind"] = spelling }),
            await client.CallAsync("k8s_list", new() { ["kind"] = spelling, ["namespace"] = "*" }),
            await client.CallAsync("k8s_get", new() { ["kind"] = spelling, ["name"] = "payments-db-credentials" }),
        };

        Assert.All(results, result =>
        {
            Assert.True(result.IsError);
            Assert.StartsWith("kind: Secrets are never read by InfraTools", result.Text(), StringComparison.Ordinal);
        });
        Assert.DoesNotContain(demo.Cluster.Requests.All, r => Uri.UnescapeDataString(r.Path).Contains("secret", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task No_answer_carries_a_secret_value_a_last_applied_manifest_or_managed_fields()
    {
        await using var client = await demo.ConnectAsync(Calls.Ct);
        var crash = DemoPods.CrashLooping(demo.Cluster);
        var answers = new List<string>
        {
            await client.TextAsync("k8s_find_unhealthy"),
            await client.TextAsync("k8s_list_pods", new() { ["namespace"] = "*", ["limit"] = 500 }),
            await client.TextAsync("k8s_get", new() { ["kind"] = "deployment", ["name"] = "payments-api" }),
            await client.TextAsync("k8s_get", new() { ["kind"] = "deployment", ["name"] = "grafana", ["namespace"] = "monitoring" }),
            await client.TextAsync("k8s_get", new() { ["kind"] = "pod", ["name"] = crash }),
            await client.TextAsync("k8s_get", new() { ["kind"] = "configmap", ["name"] = "payments-api-config" }),
            await client.TextAsync("k8s_get", new() { ["kind"] = "ingress", ["name"] = "payments-api" }),
            await client.TextAsync("k8s_get", new() { ["kind"] = "certificates.cert-manager.io", ["name"] = "payments-api-tls" }),
            await client.TextAsync("k8s_describe_workload", new() { ["workload"] = "payments-api" }),
            await client.TextAsync("k8s_describe_workload", new() { ["workload"] = "grafana", ["namespace"] = "monitoring" }),
            await client.TextAsync("k8s_rollout_history", new() { ["workload"] = "payments-api" }),
            await client.TextAsync("k8s_events", new() { ["namespace"] = "*", ["type"] = "all", ["since"] = "1d" }),
            await client.TextAsync("k8s_pod_logs", new() { ["pod"] = crash }),
        };
        foreach (var kind in new[] { "configmaps", "serviceaccounts", "ingresses", "deployments", "pods", "events", "cronjobs", "certificates.cert-manager.io" })
            answers.Add(await client.TextAsync("k8s_list", new() { ["kind"] = kind, ["namespace"] = "*" }));

        var planted = new[]
        {
            DemoStory.PlantedSecret,
            Convert.ToBase64String(Encoding.UTF8.GetBytes(DemoStory.PlantedSecret)),
            DemoStory.PlantedLiteralCredential,
            "last-applied-configuration",
            "managedFields",
            "fieldsV1",
        };
        foreach (var answer in answers)
        {
            foreach (var value in planted)
                Assert.DoesNotContain(value, answer.Replace("managedFields and last-applied-configuration removed", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Secret_backed_env_shows_the_reference_and_credential_looking_literals_are_masked()
    {
        await using var client = await demo.ConnectAsync(Calls.Ct);
        var describe = await client.TextAsync("k8s_describe_workload", new() { ["workload"] = "payments-api" });
        var literal = await client.TextAsync("k8s_get", new() { ["kind"] = "deployment", ["name"] = "currency-rates", ["path"] = "spec.template.spec.containers[0].env" });

        Assert.Contains("DB_PASSWORD=<secret payments-db-credentials key password>", describe, StringComparison.Ordinal);
        Assert.Contains("PROCESSOR_API_KEY=<secret processor-api-key key api-key>", describe, StringComparison.Ordinal);
        Assert.Contains("- name: RATES_API_KEY\n  value: \"(redacted: the name looks like a credential)\"", literal, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoStory.PlantedLiteralCredential, literal, StringComparison.Ordinal);
    }
}
