namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>
/// Checks that every tool name in the guardrail settings is a tool the server registers. A typo in
/// <c>Guardrails__DenyTools</c> would otherwise leave the tool the operator meant to deny callable, so each unknown
/// name is a start-up error naming the setting, the name and the nearest real tool name(s).
/// </summary>
public static class ToolNameCheck
{
    public const string DenyToolsSetting = "Guardrails__DenyTools";
    public const string EnableWriteToolsSetting = "Guardrails__EnableWriteTools";
    public const string ToolTimeoutsSetting = "Guardrails__ToolTimeouts__";

    /// <summary>
    /// One line per name that is not a tool of <paramref name="serverName"/> (or not a write tool where one is needed);
    /// empty when all are. <paramref name="writes"/> are the tools in <paramref name="all"/> not declared read-only.
    /// </summary>
    public static IReadOnlyList<string> Problems(string serverName, IReadOnlyCollection<string> all, IReadOnlyCollection<string> writes, ToolPolicyOptions policy)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(policy);
        var problems = new List<string>();

        foreach (var name in policy.DeniedToolNames.Order(StringComparer.Ordinal))
        {
            if (!all.Contains(name, StringComparer.Ordinal))
                problems.Add($"{DenyToolsSetting}: {name} is not a tool of {serverName}; {Suggestion(name, all, "tools")}");
        }

        foreach (var name in policy.EnabledWriteToolNames.Order(StringComparer.Ordinal))
        {
            if (writes.Contains(name, StringComparer.Ordinal))
                continue;
            problems.Add(all.Contains(name, StringComparer.Ordinal)
                ? $"{EnableWriteToolsSetting}: {name} is a read tool of {serverName}, always on; {WriteToolsOf(writes)}"
                : $"{EnableWriteToolsSetting}: {name} is not a write tool of {serverName}; {Suggestion(name, writes, "write tools")}");
        }

        foreach (var name in policy.ToolTimeouts.Keys.Order(StringComparer.Ordinal))
        {
            if (!all.Contains(name, StringComparer.Ordinal))
                problems.Add($"{ToolTimeoutsSetting}{name}: {name} is not a tool of {serverName}; {Suggestion(name, all, "tools")}");
        }

        return problems;
    }

    /// <summary>The real names nearest to <paramref name="name"/> (ties all named), case aside; all of them when none is close.</summary>
    public static IReadOnlyList<string> Nearest(string name, IReadOnlyCollection<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
            return [];
        var distances = candidates.Select(candidate => (candidate, distance: EditDistance(name.ToLowerInvariant(), candidate.ToLowerInvariant()))).ToList();
        var best = distances.Min(entry => entry.distance);
        // A name more than a third rewritten is no typo of any one tool: then every candidate is the honest answer.
        return best <= Math.Max(2, name.Length / 3)
            ? [.. distances.Where(entry => entry.distance == best).Select(entry => entry.candidate).Order(StringComparer.Ordinal)]
            : [.. candidates.Order(StringComparer.Ordinal)];
    }

    private static string Suggestion(string name, IReadOnlyCollection<string> candidates, string kind)
    {
        if (candidates.Count == 0)
            return $"it has no {kind}.";
        var nearest = Nearest(name, candidates);
        return nearest.Count < candidates.Count || candidates.Count == 1
            ? $"did you mean {string.Join(" or ", nearest)}?"
            : $"its {kind} are {string.Join(", ", nearest)}.";
    }

    private static string WriteToolsOf(IReadOnlyCollection<string> writes) => writes.Count == 0
        ? "this server has no write tools."
        : $"its write tools are {string.Join(", ", writes.Order(StringComparer.Ordinal))}.";

    /// <summary>Levenshtein distance: insertions, deletions and substitutions each count one.</summary>
    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
