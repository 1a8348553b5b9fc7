using SreSuite.ServiceDefaults.Guardrails;

namespace SreSuite.ServiceDefaults.Tests;

public sealed class ToolTimeoutCheckTests
{
    [Fact]
    public void Whole_seconds_from_1_to_600_pass_and_are_the_tool_s_timeout()
    {
        var policy = new ToolPolicyOptions { ToolTimeoutSeconds = 600, ToolTimeouts = { ["k8s_get"] = "1", ["prom_query_range"] = " 120 " } };

        Assert.Empty(ToolTimeoutCheck.Problems(policy));
        Assert.Equal(TimeSpan.FromSeconds(1), policy.TimeoutFor("k8s_get"));
        Assert.Equal(TimeSpan.FromSeconds(120), policy.TimeoutFor("prom_query_range"));
        Assert.Equal(TimeSpan.FromSeconds(600), policy.TimeoutFor("k8s_list_pods"));
    }

    [Theory]
    [InlineData("0", "Guardrails__ToolTimeouts__k8s_get: 0 is not a timeout (0 or less does not turn the timeout off); give a whole number of seconds from 1 to 600.")]
    [InlineData("-5", "Guardrails__ToolTimeouts__k8s_get: -5 is not a timeout (0 or less does not turn the timeout off); give a whole number of seconds from 1 to 600.")]
    [InlineData("601", "Guardrails__ToolTimeouts__k8s_get: 601 s is above the longest a tool call may run, 600 s (10 minutes); give a whole number of seconds from 1 to 600.")]
    [InlineData("90s", "Guardrails__ToolTimeouts__k8s_get: '90s' is not a whole number of seconds; give a whole number of seconds from 1 to 600.")]
    [InlineData("1.5", "Guardrails__ToolTimeouts__k8s_get: '1.5' is not a whole number of seconds; give a whole number of seconds from 1 to 600.")]
    [InlineData("99999999999", "Guardrails__ToolTimeouts__k8s_get: '99999999999' is not a whole number of seconds; give a whole number of seconds from 1 to 600.")]
    [InlineData("", "Guardrails__ToolTimeouts__k8s_get: is empty; give a whole number of seconds from 1 to 600.")]
    public void A_tool_timeout_out_of_range_or_not_a_number_is_named_with_the_range(string value, string expected) =>
        Assert.Equal([expected], ToolTimeoutCheck.Problems(new ToolPolicyOptions { ToolTimeouts = { ["k8s_get"] = value } }));

    [Theory]
    [InlineData(0, "Guardrails__ToolTimeoutSeconds: 0 is not a timeout (0 or less does not turn the timeout off); give a whole number of seconds from 1 to 600.")]
    [InlineData(3600, "Guardrails__ToolTimeoutSeconds: 3600 s is above the longest a tool call may run, 600 s (10 minutes); give a whole number of seconds from 1 to 600.")]
    public void The_default_timeout_is_checked_the_same_way(int seconds, string expected) =>
        Assert.Equal([expected], ToolTimeoutCheck.Problems(new ToolPolicyOptions { ToolTimeoutSeconds = seconds }));

    [Fact]
    public void Every_bad_timeout_is_reported_once_in_setting_order()
    {
        var policy = new ToolPolicyOptions { ToolTimeoutSeconds = -1, ToolTimeouts = { ["prom_query"] = "0", ["k8s_get"] = "forever", ["k8s_list_pods"] = "30" } };

        Assert.Equal(
            ["Guardrails__ToolTimeoutSeconds", "Guardrails__ToolTimeouts__k8s_get", "Guardrails__ToolTimeouts__prom_query"],
            ToolTimeoutCheck.Problems(policy).Select(problem => problem[..problem.IndexOf(':', StringComparison.Ordinal)]));
    }
}
