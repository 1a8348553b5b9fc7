using System.Globalization;

namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// Checks the tool timeouts an operator set. A value of 0 or less (often meant as "no timeout"), one that is not a
/// whole number, or one above <see cref="ToolPolicyOptions.MaxTimeoutSeconds"/> used to be clamped into range without a
/// word; each is now a start-up error naming the setting, the value and the range a timeout may take.
/// </summary>
public static class ToolTimeoutCheck
{
    public const string ToolTimeoutSecondsSetting = "Guardrails__ToolTimeoutSeconds";

    /// <summary>One line per timeout setting that is not a whole number of seconds from 1 to the maximum; empty when all are.</summary>
    public static IReadOnlyList<string> Problems(ToolPolicyOptions policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var problems = new List<string>();
        if (Problem(policy.ToolTimeoutSeconds.ToString(CultureInfo.InvariantCulture)) is { } global)
            problems.Add($"{ToolTimeoutSecondsSetting}: {global}");
        foreach (var (tool, text) in policy.ToolTimeouts.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            if (Problem(text) is { } problem)
                problems.Add($"{ToolNameCheck.ToolTimeoutsSetting}{tool}: {problem}");
        }

        return problems;
    }

    /// <summary>Whole seconds from 1 to the maximum, as a timeout setting must be written.</summary>
    public static bool TryParse(string? text, out int seconds) =>
        int.TryParse(text, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seconds)
        && seconds is >= 1 and <= ToolPolicyOptions.MaxTimeoutSeconds;

    private static string? Problem(string? text)
    {
        var range = $"give a whole number of seconds from 1 to {ToolPolicyOptions.MaxTimeoutSeconds}";
        if (TryParse(text, out _))
            return null;
        if (!int.TryParse(text, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
            return string.IsNullOrWhiteSpace(text) ? $"is empty; {range}." : $"'{text.Trim()}' is not a whole number of seconds; {range}.";
        return seconds <= 0
            ? $"{seconds} is not a timeout (0 or less does not turn the timeout off); {range}."
            : $"{seconds} s is above the longest a tool call may run, {ToolPolicyOptions.MaxTimeoutSeconds} s (10 minutes); {range}.";
    }
}
