using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ServiceDefaults.Tests;

public sealed class ToolNameCheckTests
{
    private static readonly string[] Writes = ["k8s_scale", "k8s_rollout_restart", "k8s_delete_pod"];

    private static readonly string[] Tools = ["k8s_pod_logs", "k8s_list_pods", "k8s_get", .. Writes];

    [Fact]
    public void Real_names_pass()
    {
        var policy = new ToolPolicyOptions
        {
            DenyTools = "k8s_pod_logs, k8s_scale",
            EnableWriteTools = "k8s_scale,k8s_delete_pod",
            ToolTimeouts = { ["k8s_get"] = "60" },
        };

        Assert.Empty(ToolNameCheck.Problems("InfraTools", Tools, Writes, policy));
    }

    [Fact]
    public void A_misspelt_denied_tool_is_named_with_the_tool_meant() =>
        Assert.Equal(
            ["Guardrails__DenyTools: k8s_pod_logz is not a tool of InfraTools; did you mean k8s_pod_logs?"],
            ToolNameCheck.Problems("InfraTools", Tools, Writes, new ToolPolicyOptions { DenyTools = "k8s_get,k8s_pod_logz" }));

    [Fact]
    public void An_unknown_write_tool_is_named_with_the_nearest_write_tool_even_in_another_case() =>
        Assert.Equal(
            ["Guardrails__EnableWriteTools: K8S_SCALE is not a write tool of InfraTools; did you mean k8s_scale?"],
            ToolNameCheck.Problems("InfraTools", Tools, Writes, new ToolPolicyOptions { EnableWriteTools = "K8S_SCALE" }));

    [Fact]
    public void A_read_tool_enabled_as_a_write_tool_is_named_with_the_write_tools() =>
        Assert.Equal(
            ["Guardrails__EnableWriteTools: k8s_get is a read tool of InfraTools, always on; its write tools are k8s_delete_pod, k8s_rollout_restart, k8s_scale."],
            ToolNameCheck.Problems("InfraTools", Tools, Writes, new ToolPolicyOptions { EnableWriteTools = "k8s_get" }));

    [Fact]
    public void A_timeout_for_an_unknown_tool_is_named() =>
        Assert.Equal(
            ["Guardrails__ToolTimeouts__k8s_pod_log: k8s_pod_log is not a tool of InfraTools; did you mean k8s_pod_logs?"],
            ToolNameCheck.Problems("InfraTools", Tools, Writes, new ToolPolicyOptions { ToolTimeouts = { ["k8s_pod_log"] = "60" } }));

    [Fact]
    public void A_name_like_no_tool_lists_them_all()
    {
        var problem = Assert.Single(ToolNameCheck.Problems("InfraTools", Tools, Writes, new ToolPolicyOptions { DenyTools = "prom_query" }));

        Assert.Equal("Guardrails__DenyTools: prom_query is not a tool of InfraTools; its tools are k8s_delete_pod, k8s_get, k8s_list_pods, k8s_pod_logs, k8s_rollout_restart, k8s_scale.", problem);
    }

    [Fact]
    public void A_write_tool_of_another_server_lists_the_write_tools_of_this_one() =>
        Assert.Equal(
            ["Guardrails__EnableWriteTools: am_create_silence is not a write tool of InfraTools; its write tools are k8s_delete_pod, k8s_rollout_restart, k8s_scale."],
            ToolNameCheck.Problems("InfraTools", Tools, Writes, new ToolPolicyOptions { EnableWriteTools = "am_create_silence" }));

    [Fact]
    public void Every_bad_name_is_reported_once()
    {
        var policy = new ToolPolicyOptions { DenyTools = "k8s_pod_logz", EnableWriteTools = "k8s_scal", ToolTimeouts = { ["k8s_gett"] = "5" } };

        Assert.Equal(3, ToolNameCheck.Problems("InfraTools", Tools, Writes, policy).Count);
    }

    [Fact]
    public void Equally_near_tools_are_all_named() =>
        Assert.Equal(["k8s_pod_logs", "k8s_pod_logz"], ToolNameCheck.Nearest("k8s_pod_logx", ["k8s_pod_logz", "k8s_pod_logs", "k8s_get"]));
}
