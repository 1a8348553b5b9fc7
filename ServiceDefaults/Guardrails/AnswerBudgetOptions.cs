namespace SreSuite.ServiceDefaults.Guardrails;

/// <summary>How large a tool answer may be. Sizes are in tokens, estimated as bytes / 4.</summary>
public sealed class AnswerBudgetOptions
{
    public const string Section = "Guardrails:Budget";

    /// <summary>Default budget of every answer; <c>Guardrails__Budget__DefaultTokens</c>.</summary>
    public int DefaultTokens { get; set; } = 2000;

    /// <summary>Per-tool budgets, e.g. <c>Guardrails__Budget__Tools__k8s_pod_logs=3000</c>.</summary>
    public Dictionary<string, int> Tools { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The budget of one tool in bytes.</summary>
    public int BytesFor(string tool) =>
        Math.Clamp(Tools.TryGetValue(tool, out var tokens) ? tokens : DefaultTokens, 100, 100_000) * AnswerBuilder.BytesPerToken;
}
