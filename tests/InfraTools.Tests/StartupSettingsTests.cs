namespace SreSuite.InfraTools.Tests;

public sealed class StartupSettingsTests
{
    [Fact]
    public Task Missing_kubeconfig_file_is_named()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-kubeconfig-{Guid.NewGuid():N}");
        return StartupAssertions.RefusesToStartNamingAsync("InfraTools", "KUBECONFIG", new Dictionary<string, string?> { ["KUBECONFIG"] = missing });
    }

    [Fact]
    public async Task Unparseable_kubeconfig_is_named()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "apiVersion: v1\nkind: Config\nclusters: [ this is not: valid", TestContext.Current.CancellationToken);
        try
        {
            await StartupAssertions.RefusesToStartNamingAsync("InfraTools", "KUBECONFIG", new Dictionary<string, string?> { ["KUBECONFIG"] = file });
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Unknown_context_is_named_with_the_contexts_that_exist()
    {
        var file = await Kubeconfigs.WriteAsync("https://127.0.0.1:1", TestContext.Current.CancellationToken);
        try
        {
            await StartupAssertions.RefusesToStartNamingAsync("InfraTools", "Kubernetes__Context", new Dictionary<string, string?>
            {
                ["KUBECONFIG"] = file,
                ["Kubernetes__Context"] = "production",
            });
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("Guardrails__DenyTools", "k8s_pod_logz", "Guardrails__DenyTools: k8s_pod_logz is not a tool of InfraTools; did you mean k8s_pod_logs?")]
    [InlineData("Guardrails__EnableWriteTools", "k8s_scael", "Guardrails__EnableWriteTools: k8s_scael is not a write tool of InfraTools; did you mean k8s_scale?")]
    [InlineData("Guardrails__EnableWriteTools", "k8s_pod_logs", "Guardrails__EnableWriteTools: k8s_pod_logs is a read tool of InfraTools, always on; its write tools are k8s_delete_pod, k8s_rollout_restart, k8s_scale.")]
    [InlineData("Guardrails__ToolTimeouts__k8s_pod_log", "60", "Guardrails__ToolTimeouts__k8s_pod_log: k8s_pod_log is not a tool of InfraTools; did you mean k8s_pod_logs?")]
    public async Task A_guardrail_setting_naming_no_tool_of_the_server_stops_start_up_over_http_and_stdio(string setting, string value, string expected)
    {
        var environment = new Dictionary<string, string?> { [setting] = value };
        foreach (var args in new[] { Array.Empty<string>(), ["--stdio"] })
        {
            await StartupAssertions.RefusesToStartNamingAsync("InfraTools", setting, environment, args);
            var (_, output) = await ServerProcess.RunToExitAsync("InfraTools", environment, TestContext.Current.CancellationToken, args);

            Assert.EndsWith($"InfraTools: configuration error: {expected}", output.TrimEnd(), StringComparison.Ordinal);
        }
    }

    /// <summary>A timeout the server would have clamped into 1 to 600 s without a word stops start-up naming the setting.</summary>
    [Theory]
    [InlineData("Guardrails__ToolTimeouts__k8s_pod_logs", "0", "Guardrails__ToolTimeouts__k8s_pod_logs: 0 is not a timeout (0 or less does not turn the timeout off); give a whole number of seconds from 1 to 600.")]
    [InlineData("Guardrails__ToolTimeouts__k8s_pod_logs", "90s", "Guardrails__ToolTimeouts__k8s_pod_logs: '90s' is not a whole number of seconds; give a whole number of seconds from 1 to 600.")]
    [InlineData("Guardrails__ToolTimeouts__k8s_pod_logs", "3600", "Guardrails__ToolTimeouts__k8s_pod_logs: 3600 s is above the longest a tool call may run, 600 s (10 minutes); give a whole number of seconds from 1 to 600.")]
    [InlineData("Guardrails__ToolTimeoutSeconds", "thirty", "Guardrails__ToolTimeoutSeconds: 'thirty' is not a whole number.")]
    [InlineData("Guardrails__ConfirmWrites", "bogus", "Guardrails__ConfirmWrites: 'bogus' is not one of required, off.")]
    public async Task A_tool_timeout_out_of_range_or_not_a_number_stops_start_up_over_http_and_stdio(string setting, string value, string expected)
    {
        var environment = new Dictionary<string, string?> { [setting] = value };
        foreach (var args in new[] { Array.Empty<string>(), ["--stdio"] })
        {
            await StartupAssertions.RefusesToStartNamingAsync("InfraTools", setting, environment, args);
            var (_, output) = await ServerProcess.RunToExitAsync("InfraTools", environment, TestContext.Current.CancellationToken, args);

            Assert.EndsWith($"InfraTools: configuration error: {expected}", output.TrimEnd(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public Task Unknown_transport_is_named() =>
        StartupAssertions.RefusesToStartNamingAsync("InfraTools", "Mcp__Transport", new Dictionary<string, string?> { ["Mcp__Transport"] = "carrier-pigeon" });
}

public sealed class ClusterPinningSettingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_context_outside_the_allow_list_stops_start_up_naming_the_context_found()
    {
        var file = await Kubeconfigs.WriteAsync("https://127.0.0.1:1", Ct);
        try
        {
            var environment = new Dictionary<string, string?> { ["KUBECONFIG"] = file, ["Kubernetes__AllowedContexts"] = "prod-eu, prod-us" };
            await StartupAssertions.RefusesToStartNamingAsync("InfraTools", "Kubernetes__AllowedContexts", environment);
            var (_, output) = await ServerProcess.RunToExitAsync("InfraTools", environment, Ct);

            Assert.Contains($"the context found is 'staging' (from KUBECONFIG), which is not allowed; allowed: prod-eu, prod-us.", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_context_on_the_allow_list_starts_and_the_status_says_so()
    {
        var file = await Kubeconfigs.WriteAsync("https://127.0.0.1:1", Ct);
        try
        {
            var environment = new Dictionary<string, string?> { ["KUBECONFIG"] = file, ["Kubernetes__AllowedContexts"] = "prod,staging" };
            await using var server = await ServerProcess.StartAsync("InfraTools", environment, Ct);
            await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

            var text = (await client.CallToolAsync("k8s_context", cancellationToken: Ct)).Text();

            Assert.Contains("context: staging", text, StringComparison.Ordinal);
            Assert.Contains("allowed contexts: prod, staging", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Without_a_cluster_every_kubernetes_tool_says_which_setting_to_set()
    {
        await using var server = await ServerProcess.StartAsync("InfraTools", new Dictionary<string, string?>(), Ct);
        await using var client = await McpClients.ConnectHttpAsync(server.McpUrl, Ct);

        var result = await client.CallToolAsync("k8s_find_unhealthy", cancellationToken: Ct);

        Assert.True(result.IsError);
        Assert.StartsWith("no cluster configured: set KUBECONFIG (or Kubernetes__Kubeconfig)", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_impersonated_group_without_a_user_is_named()
    {
        var file = await Kubeconfigs.WriteAsync("https://127.0.0.1:1", Ct);
        try
        {
            await StartupAssertions.RefusesToStartNamingAsync("InfraTools", "Kubernetes__ImpersonateGroup",
                new Dictionary<string, string?> { ["KUBECONFIG"] = file, ["Kubernetes__ImpersonateGroup"] = "sre-oncall" });
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Several_impersonated_groups_are_refused()
    {
        var file = await Kubeconfigs.WriteAsync("https://127.0.0.1:1", Ct);
        try
        {
            await StartupAssertions.RefusesToStartNamingAsync("InfraTools", "Kubernetes__ImpersonateGroup",
                new Dictionary<string, string?> { ["KUBECONFIG"] = file, ["Kubernetes__ImpersonateUser"] = "sre-readonly", ["Kubernetes__ImpersonateGroup"] = "sre-oncall,system:masters" });
        }
        finally
        {
            File.Delete(file);
        }
    }
}
